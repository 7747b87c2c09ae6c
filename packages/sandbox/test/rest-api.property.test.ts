import { ID_PREFIXES, type IdKind, isId } from '@listo/ids';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index';
import { errorValidator, openapi, responseValidator } from './support/openapi';

/**
 * Requests generated from the OpenAPI document (every path, each path parameter an ID that exists, one of the
 * right kind that does not, one of the wrong kind or any text; any method; with, without or with a wrong API
 * key; arbitrary extra headers), each answer checked against the document with ajv and against what the
 * guides prescribe for its status.
 */
const API_KEY = 'property-test-key';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, seed: 17, oidc: false });
});
afterAll(() => sandbox.stop());

/** The kind of ID each path parameter of the document holds. */
const PARAM_KINDS: Record<string, IdKind> = {
  instanceIntegrationId: 'installation',
  clientId: 'client',
  userId: 'user',
  workerId: 'worker',
};

const templates = Object.keys(openapi.paths);
const paramsOf = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);

/** IDs that exist and belong together: the first worker, its client, installation and a user of that client. */
function existing(): Record<string, string> {
  const worker = sandbox.dataset.workers[0]!;
  const user = sandbox.dataset.users.find((u) => u.clientId === worker.clientId)!;
  return {
    instanceIntegrationId: worker.installationId,
    clientId: worker.clientId,
    workerId: worker.id,
    userId: user.id,
  };
}

type ParamValue =
  | { variant: 'existing' }
  | { variant: 'missing'; suffix: string }
  | { variant: 'wrong-kind'; kind: IdKind; suffix: string }
  | { variant: 'text'; text: string };

const suffix = fc.stringMatching(/^[A-Za-z0-9_-]{1,24}$/);
const paramValue: fc.Arbitrary<ParamValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant({ variant: 'existing' as const }) },
  { weight: 2, arbitrary: suffix.map((s) => ({ variant: 'missing' as const, suffix: `zz${s}` })) },
  {
    weight: 1,
    arbitrary: fc.record({
      variant: fc.constant('wrong-kind' as const),
      kind: fc.constantFrom<IdKind>('event', 'contract', 'workerProfile', 'organizationUnit', 'client'),
      suffix,
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .string({ unit: 'grapheme', maxLength: 30 })
      // `.` and `..` are dot segments: the client resolves them before sending, so they never reach a route.
      .filter((text) => text !== '.' && text !== '..')
      .map((text) => ({ variant: 'text' as const, text })),
  },
);

const headerName = fc.stringMatching(/^x-[a-z0-9-]{1,20}$/).filter((name) => name !== 'x-api-key');
const headerValue = fc.stringMatching(/^[\x21-\x7e]{0,40}$/);

const request = fc.record({
  template: fc.constantFrom(...templates),
  params: fc.dictionary(fc.constantFrom(...Object.keys(PARAM_KINDS)), paramValue),
  method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'),
  key: fc.oneof(
    { weight: 6, arbitrary: fc.constant<'right' | 'none' | string>('right') },
    { weight: 1, arbitrary: fc.constant('none') },
    { weight: 1, arbitrary: headerValue.filter((v) => v !== API_KEY && v !== 'right' && v !== 'none') },
  ),
  extraHeaders: fc.dictionary(headerName, headerValue, { maxKeys: 3 }),
});

function paramText(name: string, value: ParamValue | undefined): string {
  const kind = PARAM_KINDS[name] as IdKind;
  switch (value?.variant ?? 'existing') {
    case 'missing':
      return `${ID_PREFIXES[kind]}${(value as { suffix: string }).suffix}`;
    case 'wrong-kind': {
      const wrong = value as { kind: IdKind; suffix: string };
      return `${ID_PREFIXES[wrong.kind]}${wrong.suffix}`;
    }
    case 'text':
      return (value as { text: string }).text;
    default:
      return existing()[name] as string;
  }
}

describe('the REST emulator against its OpenAPI document', () => {
  it('answers every generated request as the document and the guides say', async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ template, params, method, key, extraHeaders }) => {
        const values = Object.fromEntries(
          paramsOf(template).map((name) => [name, paramText(name, params[name])]),
        );
        const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(values[name]!));
        const headers: Record<string, string> = { ...extraHeaders };
        if (key !== 'none') headers['x-api-key'] = key === 'right' ? API_KEY : key;
        const response = await fetch(`${sandbox.url}${path}`, { method, headers });
        const text = await response.text();

        const expected =
          key !== 'right'
            ? 401
            : Object.values(values).some((v) => v === '')
              ? 404 // an empty segment: no template matches
              : method !== 'GET' && method !== 'HEAD'
                ? 405
                : Object.entries(values).some(([name, v]) => !isId(PARAM_KINDS[name] as IdKind, v))
                  ? 400
                  : Object.keys(values).some((name) => params[name] && params[name].variant !== 'existing')
                    ? 404
                    : 200;
        expect(response.status, `${method} ${path}`).toBe(expected);
        expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
        if (expected === 405) expect(response.headers.get('allow')).toBe('GET, HEAD');
        if (method === 'HEAD') {
          expect(text).toBe('');
          return;
        }
        const body: unknown = JSON.parse(text);
        expect(Buffer.byteLength(text)).toBe(Number(response.headers.get('content-length')));
        if (method === 'GET') {
          const validate = responseValidator(template, response.status);
          expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
        }
        if (expected !== 200) {
          expect(errorValidator(body), JSON.stringify(errorValidator.errors)).toBe(true);
          expect(body).toMatchObject({ statusCode: expected });
        }
      }),
      { numRuns: 300 },
    );
  }, 300_000);
});
