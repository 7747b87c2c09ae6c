import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { asyncapiDocument, messageKey } from '../scripts/generate-asyncapi-document';
import { jsonSchemaDocuments } from '../scripts/json-schema-documents';
import { EVENT_CATALOG } from '../src/index';

const document = asyncapiDocument();
const schemas = jsonSchemaDocuments();
// biome-ignore lint/suspicious/noExplicitAny: the test walks the generated document.
const doc = document as any;

describe('the AsyncAPI document (@listo/events/asyncapi.json)', () => {
  it('is valid AsyncAPI 3 for @asyncapi/parser, with no error, warning or hint', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.map((d) => `${d.code} at ${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed?.version()).toMatch(/^3\./);
    expect(
      parsed
        ?.messages()
        .all()
        .map((m) => m.id())
        .sort(),
    ).toEqual(EVENT_CATALOG.map((e) => messageKey(e.type, e.dataVersion)).sort());
  });

  it('has one message per (type, dataVersion) whose payload is that pair’s published JSON Schema', () => {
    for (const { type, dataVersion, entityType } of EVENT_CATALOG) {
      const message = doc.channels.webhook.messages[messageKey(type, dataVersion)];
      expect(message['x-listo-event']).toEqual({ type, dataVersion, entityType });
      expect(message.payload.schema).toEqual(schemas.get(`${type}.v${dataVersion}.json`));
      expect(message['x-listo-json-schema']).toBe(`@listo/events/json-schema/${type}.v${dataVersion}.json`);
      expect(message.contentType).toBe('application/json');
    }
  });

  it('requires the three Standard Webhooks headers on every message and correlates on webhook-id', () => {
    expect(doc.components.schemas.WebhookHeaders.required).toEqual([
      'webhook-id',
      'webhook-timestamp',
      'webhook-signature',
    ]);
    for (const message of Object.values(doc.channels.webhook.messages) as { headers: unknown }[]) {
      expect(message.headers).toEqual({ $ref: '#/components/schemas/WebhookHeaders' });
    }
    expect(doc.components.correlationIds.webhookId.location).toBe('$message.header#/webhook-id');
  });

  it('states the signature scheme, the retries and the replay window of the webhooks guide', () => {
    const scheme = doc.components.securitySchemes.standardWebhooks;
    expect(scheme['x-listo-signature']).toMatchObject({
      specification: 'Standard Webhooks v1',
      algorithm: 'HMAC-SHA256',
      signedContent: '{webhook-id}.{webhook-timestamp}.{body}',
      toleranceSeconds: 300,
    });
    expect(doc.operations.receiveListoEvent['x-listo-delivery']).toMatchObject({
      attemptTimeoutSeconds: 30,
      maxAttempts: 3,
      backoffSeconds: [2, 4, 8],
      replayWindowSeconds: 300,
    });
    expect(doc.operations.receiveListoEvent.description).toMatch(/up to 3 times/);
  });

  it('is versioned with the package and exported as ./asyncapi.json from dist', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      version: string;
      exports: Record<string, unknown>;
      scripts: Record<string, string>;
    };
    expect(doc.info.version).toBe(manifest.version);
    expect(manifest.exports['./asyncapi.json']).toBe('./dist/asyncapi.json');
    expect(manifest.scripts.build).toContain('scripts/generate-asyncapi.ts');
  });
});
