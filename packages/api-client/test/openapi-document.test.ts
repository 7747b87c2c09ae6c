import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { clientCreatedV1Sample, userCreatedV1Sample, workerOnboardedV1Sample } from '@listo/events/fixtures';
import { ID_KINDS, idPattern, LINK_PATTERNS } from '@listo/ids';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENT_URL, GENERATED_URL, generateTypes } from '../scripts/generate-types';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));

interface Operation {
  operationId: string;
  security?: unknown;
  responses: Record<string, { $ref?: string; description?: string }>;
  'x-listo-inferred'?: boolean;
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  security: Record<string, unknown[]>[];
  paths: Record<string, { get: Operation }>;
  components: {
    securitySchemes: Record<string, { type: string; in: string; name: string }>;
    schemas: Record<string, Record<string, unknown>>;
    responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
  };
}

const source = await readFile(DOCUMENT_URL, 'utf8');
const document = parse(source) as Document;

describe('openapi/listo.yaml', () => {
  it('passes `redocly lint` with the recommended-strict rules', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        fileURLToPath(import.meta.resolve('@redocly/cli/bin/cli.js')),
        'lint',
        'openapi/listo.yaml',
        '--format=json',
      ],
      {
        cwd: packageRoot,
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
      },
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number; warnings: number };
      problems: unknown[];
    };
    expect(report.problems).toEqual([]);
    expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
  });

  it('is OpenAPI 3.1 with the production gateway as its server', () => {
    expect(document.openapi).toMatch(/^3\.1\./);
    expect(document.servers.map((s) => s.url)).toEqual(['https://gateway.listoglobal.com']);
  });

  it('requires the x-api-key header on every operation', () => {
    expect(document.components.securitySchemes.apiKey).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-api-key' }),
    );
    expect(document.security).toEqual([{ apiKey: [] }]);
    for (const item of Object.values(document.paths)) expect(item.get.security).toBeUndefined();
  });

  it('documents the {statusCode, message} error on 400, 401, 404 and 500 of every operation', () => {
    expect(document.components.schemas.Error).toMatchObject({
      required: ['statusCode', 'message'],
      properties: { statusCode: { type: 'integer' }, message: { type: 'string' } },
    });
    for (const name of ['BadRequest', 'Unauthorized', 'NotFound', 'ServerError']) {
      expect(document.components.responses[name]?.content['application/json']?.schema.$ref).toBe(
        '#/components/schemas/Error',
      );
    }
    for (const item of Object.values(document.paths)) {
      expect(item.get.responses['400']?.$ref).toBe('#/components/responses/BadRequest');
      expect(item.get.responses['401']?.$ref).toBe('#/components/responses/Unauthorized');
      expect(item.get.responses['404']?.$ref).toBe('#/components/responses/NotFound');
      expect(item.get.responses['500']?.$ref).toBe('#/components/responses/ServerError');
    }
  });

  it('has every endpoint the guides name, and no other', () => {
    expect(Object.keys(document.paths).sort()).toEqual(
      [
        '/v1/external-integration/installations',
        '/v1/instance-integrations/{instanceIntegrationId}/clients',
        '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}',
        '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users',
        '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users/{userId}',
        '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/job-titles',
        '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/organization-structure',
        '/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers',
        '/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers/{workerId}',
        '/v1/instance-integrations/{instanceIntegrationId}/workers/{workerId}',
      ].sort(),
    );
  });

  it('has a path template for the links.self of each event sample in the guides', () => {
    const templates = Object.keys(document.paths).map(
      (path) => new RegExp(`^${path.replace(/\{[^}]+\}/g, '[A-Za-z0-9_-]+')}$`),
    );
    for (const link of [clientCreatedV1Sample, userCreatedV1Sample, workerOnboardedV1Sample].map(
      (e) => e.data.links.self,
    )) {
      expect(templates.some((t) => t.test(link))).toBe(true);
    }
  });

  it('types every ID with the pattern of an ID kind of @listo/ids', () => {
    const idSchemas = Object.entries(document.components.schemas).filter(([name]) => name.endsWith('Id'));
    expect(idSchemas.length).toBeGreaterThanOrEqual(7);
    const patterns = ID_KINDS.map(idPattern);
    for (const [, schema] of idSchemas) expect(patterns).toContain(schema.pattern);
  });

  it('types each links.self with the template of @listo/ids it follows', () => {
    const selfOf = (name: string) =>
      (document.components.schemas[name]!.properties as { self: { pattern: string } }).self.pattern;
    expect(selfOf('ClientLinks')).toBe(LINK_PATTERNS.client);
    expect(selfOf('UserLinks')).toBe(LINK_PATTERNS.user);
    expect(selfOf('WorkerLinks')).toBe(LINK_PATTERNS.worker);
  });

  it('marks every inferred part with x-listo-inferred and a description that says so', () => {
    const marked: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const record = node as Record<string, unknown>;
        if (record['x-listo-inferred'] === true) marked.push(record);
        Object.values(record).forEach(walk);
      }
    };
    walk(document);
    // The list responses (4), the flat lookup and its response, Client, User, JobTitle, OrganizationStructure.
    expect(marked.length).toBeGreaterThanOrEqual(10);
    for (const part of marked) expect(String(part.description)).toMatch(/inferred/i);
    for (const name of ['Client', 'User', 'JobTitle', 'OrganizationStructure']) {
      expect(document.components.schemas[name]).toMatchObject({
        'x-listo-inferred': true,
        additionalProperties: true,
      });
    }
  });
});

describe('src/generated/listo-api.ts', () => {
  it('is exactly what scripts/generate-types.ts produces from the document (run `pnpm generate`)', async () => {
    expect(await readFile(GENERATED_URL, 'utf8')).toBe(await generateTypes());
  });

  it('types the open, inferred schemas without an index signature', async () => {
    const generated = await readFile(GENERATED_URL, 'utf8');
    expect(generated).not.toMatch(/\[key: string\]/);
  });

  it('starts with a DO-NOT-EDIT header naming its generator', async () => {
    const generated = await readFile(GENERATED_URL, 'utf8');
    expect(generated.slice(0, 300)).toMatch(
      /DO NOT EDIT\. Generated by packages\/api-client\/scripts\/generate-types\.ts/,
    );
  });
});
