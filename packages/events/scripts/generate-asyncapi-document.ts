// Builds the AsyncAPI 3 document of Listo's webhook channel from the event registry. Written to
// dist/asyncapi.json by scripts/generate-asyncapi.ts at build time; published as @listo/events/asyncapi.json.
import { readFileSync } from 'node:fs';
import { WEBHOOK_DELIVERY_FACTS } from '../src/delivery-facts';
import { EVENT_DEFINITIONS } from '../src/event-registry';
import { jsonSchemaDocuments } from './json-schema-documents';

/** The three Standard Webhooks headers every delivery carries, as one JSON Schema (lower-case names). */
export const WEBHOOK_HEADERS_SCHEMA = Object.freeze({
  type: 'object',
  required: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
  properties: {
    'webhook-id': {
      type: 'string',
      pattern: '^lglsoevt_[A-Za-z0-9_-]+$',
      description:
        "The event's id (equal to the body's top-level `id`). Stable across retries: the idempotency key to dedupe on.",
    },
    'webhook-timestamp': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: `Unix epoch seconds at signing, fresh on each attempt. Reject deliveries outside ±${WEBHOOK_DELIVERY_FACTS.replayWindowSeconds} seconds of your clock.`,
    },
    'webhook-signature': {
      type: 'string',
      pattern: '^v1,[A-Za-z0-9+/]+={0,2}( v1,[A-Za-z0-9+/]+={0,2})*$',
      description:
        '`v1,<base64 HMAC-SHA256>`; several space-separated values while a signing key is being rotated. Accept the delivery if any value matches.',
    },
  },
});

const SIGNATURE_DESCRIPTION = `Standard Webhooks v1 (https://www.standardwebhooks.com/): HMAC-SHA256 over the bytes
\`{webhook-id}.{webhook-timestamp}.{raw body}\`, base64-encoded, sent as \`v1,<signature>\` in \`webhook-signature\`
(several space-separated values during a key rotation; any one matching is enough). The secret is your endpoint's
Listo key \`whk_<base64url>\` (the key bytes are the base64url part) or a Standard Webhooks \`whsec_<base64>\` key.
Verify on the raw bytes before parsing, compare in constant time, and reject a \`webhook-timestamp\` more than
${WEBHOOK_DELIVERY_FACTS.replayWindowSeconds} seconds from your clock (401).`;

const DELIVERY_DESCRIPTION = `Listo POSTs one DomainEvent per request (no wrapper) with \`Content-Type: ${WEBHOOK_DELIVERY_FACTS.contentType}\` and
\`User-Agent: ${WEBHOOK_DELIVERY_FACTS.userAgent}\`. Each attempt times out after ${WEBHOOK_DELIVERY_FACTS.attemptTimeoutSeconds} seconds; a delivery is tried up to ${WEBHOOK_DELIVERY_FACTS.maxAttempts} times
(1 initial + ${WEBHOOK_DELIVERY_FACTS.maxAttempts - 1} retries) with exponential backoff (${WEBHOOK_DELIVERY_FACTS.backoffSeconds.map((s) => `~${s} s`).join(', ')}) on a non-2xx answer, a network error or a timeout.
Ordering is best-effort. \`webhook-id\` is stable across retries (dedupe on it); \`webhook-timestamp\` and the
signature are fresh on each attempt. Answer 2xx quickly, also for a (type, dataVersion) you do not know (log it):
a non-2xx only spends the retry budget.`;

/** `client.created` v1 → `ClientCreatedV1`, a name every code generator accepts. */
function messageName(type: string, dataVersion: number): string {
  const pascal = type
    .split(/[._-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  return `${pascal}V${dataVersion}`;
}

/** The message key of a (type, dataVersion): `client.created.v1`, the JSON Schema file's name without `.json`. */
export function messageKey(type: string, dataVersion: number): string {
  return `${type}.v${dataVersion}`;
}

function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return manifest.version;
}

/**
 * The AsyncAPI 3.1 document: one `receive` operation on the webhook channel, one message per known
 * (type, dataVersion) whose payload is that pair's published JSON Schema file, embedded whole so that the
 * document stands alone (`x-listo-json-schema` names the file it equals).
 */
export function asyncapiDocument(): Record<string, unknown> {
  const schemas = jsonSchemaDocuments();
  const messages: Record<string, unknown> = {};
  for (const { type, dataVersion, entityType } of EVENT_DEFINITIONS) {
    const file = `${messageKey(type, dataVersion)}.json`;
    const schema = schemas.get(file);
    if (!schema) throw new Error(`no JSON Schema ${file} for ${type} v${dataVersion}`);
    messages[messageKey(type, dataVersion)] = {
      name: messageName(type, dataVersion),
      title: `${type} v${dataVersion}`,
      summary: String(schema.title),
      contentType: 'application/json',
      correlationId: { $ref: '#/components/correlationIds/webhookId' },
      headers: { $ref: '#/components/schemas/WebhookHeaders' },
      payload: { schemaFormat: 'application/schema+json;version=draft-07', schema },
      'x-listo-event': { type, dataVersion, entityType },
      'x-listo-json-schema': `@listo/events/json-schema/${file}`,
    };
  }
  const messageRefs = Object.keys(messages).map((key) => ({ $ref: `#/channels/webhook/messages/${key}` }));
  return {
    asyncapi: '3.1.0',
    id: 'urn:listo:webhooks',
    info: {
      title: 'Listo webhooks',
      version: packageVersion(),
      description: `The webhook events Listo delivers to your endpoint, generated from @listo/events ${packageVersion()} (zod); do not edit.\n\n${DELIVERY_DESCRIPTION}\n\nTolerate what you do not know: unknown fields anywhere, and unknown (type, dataVersion) pairs (acknowledge them with 2xx). Pin your handler on (type, dataVersion), never on specVersion alone.`,
      license: { name: 'MIT', url: 'https://opensource.org/licenses/MIT' },
    },
    defaultContentType: 'application/json',
    servers: {
      receiver: {
        host: '{host}',
        pathname: '{path}',
        protocol: 'https',
        title: 'Your webhook endpoint',
        description: 'The URL you registered for an installation. Listo is the client; you are the server.',
        variables: {
          host: { description: 'Your host, e.g. hooks.example.com.' },
          path: { description: 'Your webhook path, e.g. /webhooks/listo.' },
        },
        security: [{ $ref: '#/components/securitySchemes/standardWebhooks' }],
      },
    },
    channels: {
      webhook: {
        address: null,
        title: 'Listo webhook deliveries',
        description:
          'Every event arrives on the one URL you registered; tell them apart by `type` and `dataVersion`.',
        servers: [{ $ref: '#/servers/receiver' }],
        messages,
        bindings: { http: { bindingVersion: '0.3.0' } },
      },
    },
    operations: {
      receiveListoEvent: {
        action: 'receive',
        title: 'Receive a Listo event',
        summary: 'One signed HTTP POST per delivery attempt.',
        description: DELIVERY_DESCRIPTION,
        channel: { $ref: '#/channels/webhook' },
        messages: messageRefs,
        bindings: { http: { method: WEBHOOK_DELIVERY_FACTS.method, bindingVersion: '0.3.0' } },
        'x-listo-delivery': WEBHOOK_DELIVERY_FACTS,
      },
    },
    components: {
      schemas: { WebhookHeaders: WEBHOOK_HEADERS_SCHEMA },
      correlationIds: {
        webhookId: {
          description: 'The `webhook-id` header: the event id, stable across retries. Dedupe on it.',
          location: '$message.header#/webhook-id',
        },
      },
      securitySchemes: {
        standardWebhooks: {
          type: 'httpApiKey',
          name: 'webhook-signature',
          in: 'header',
          description: SIGNATURE_DESCRIPTION,
          'x-listo-signature': {
            specification: 'Standard Webhooks v1',
            algorithm: 'HMAC-SHA256',
            encoding: 'base64',
            signedContent: '{webhook-id}.{webhook-timestamp}.{body}',
            headers: ['webhook-id', 'webhook-timestamp', 'webhook-signature'],
            secretFormats: ['whk_<base64url>', 'whsec_<base64>'],
            toleranceSeconds: WEBHOOK_DELIVERY_FACTS.replayWindowSeconds,
          },
        },
      },
    },
  };
}
