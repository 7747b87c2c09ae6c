import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EVENT_CATALOG } from '@listo/events';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DOCUMENT_URL } from '../scripts/generate-types';

// The section is generated from @listo/events by scripts/contract/openapi-webhooks.ts (repository root) and
// linted with the rest of the file by `redocly lint` in openapi-document.test.ts.
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const source = await readFile(DOCUMENT_URL, 'utf8');
const document = parse(source) as {
  webhooks: Record<
    string,
    {
      post: {
        operationId: string;
        parameters: { name: string; in: string; required: boolean }[];
        requestBody: { required: boolean; content: Record<string, { schema: Record<string, unknown> }> };
        responses: Record<string, unknown>;
        'x-listo-event': { type: string; dataVersion: number };
      };
    }
  >;
};

describe('the webhooks section of openapi/listo.yaml', () => {
  it('is exactly what the registry of @listo/events generates (else: run `pnpm contract:documents`)', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@listo/source', '--import', 'tsx', 'scripts/contract/documents.ts', '--check'],
      { cwd: repoRoot },
    );
    expect(stdout).toMatch(/webhooks section is current/);
  });

  it('is one marked block at the end of the file, so the hand-written part above it stays as it was', () => {
    const begin = source.indexOf('# BEGIN GENERATED webhooks: DO NOT EDIT.');
    expect(begin).toBeGreaterThan(source.indexOf('\ncomponents:'));
    expect(source.slice(begin).match(/^webhooks:/gm)).toHaveLength(1);
    expect(source.trimEnd().endsWith('# END GENERATED webhooks')).toBe(true);
  });

  it('has one webhook per (type, dataVersion) of the registry, each requiring the three signed headers', () => {
    expect(Object.values(document.webhooks).map((w) => w.post['x-listo-event'])).toEqual(
      EVENT_CATALOG.map(({ type, dataVersion }) => ({ type, dataVersion })),
    );
    for (const [key, { post }] of Object.entries(document.webhooks)) {
      const { type, dataVersion } = post['x-listo-event'];
      expect(key).toBe(`${type}.v${dataVersion}`);
      expect(post.parameters.map((p) => [p.name, p.in, p.required])).toEqual([
        ['webhook-id', 'header', true],
        ['webhook-timestamp', 'header', true],
        ['webhook-signature', 'header', true],
      ]);
      expect(post.requestBody.required).toBe(true);
      const schema = post.requestBody.content['application/json']?.schema;
      expect(schema?.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema?.title).toBe(`Listo ${type} event, dataVersion ${dataVersion}`);
      expect(Object.keys(post.responses)).toContain('200');
    }
  });
});
