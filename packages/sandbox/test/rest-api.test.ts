import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index';
import { createRestRouter } from '../src/rest/rest-routes';
import { openapi, responseValidator } from './support/openapi';

const API_KEY = 'test-key-0123456789abcdef0123456789abcdef0123456789abcdef01234567';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, seed: 42 });
});
afterAll(() => sandbox.stop());

function get(path: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  return fetch(`${sandbox.url}${path}`, { headers });
}

/** Fills a path template with IDs that exist in the dataset (the first worker with its client and installation). */
function concretePath(template: string): string {
  const worker = sandbox.dataset.workers[0]!;
  const user = sandbox.dataset.users.find((u) => u.clientId === worker.clientId)!;
  const ids: Record<string, string> = {
    instanceIntegrationId: worker.installationId,
    clientId: worker.clientId,
    workerId: worker.id,
    userId: user.id,
  };
  return template.replace(/\{(\w+)\}/g, (_, name: string) => ids[name] ?? `unknown-${name}`);
}

const documentedPaths = Object.keys(openapi.paths);

describe('the REST API emulator', () => {
  it('serves exactly the GET endpoints of the OpenAPI document', () => {
    const served = createRestRouter()
      .routes()
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const documented = documentedPaths.flatMap((path) =>
      Object.keys(openapi.paths[path]!).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served).toEqual(documented.sort());
  });

  it.each(documentedPaths)('answers GET %s with a 200 body that matches the document', async (template) => {
    const response = await get(concretePath(template));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body: unknown = await response.json();
    const validate = responseValidator(template, 200);
    expect(validate(body), JSON.stringify(validate.errors)).toBe(true);
    if (Array.isArray(body)) expect(body.length).toBeGreaterThan(0);
  });

  it.each(documentedPaths)('answers GET %s without an API key with a documented 401', async (template) => {
    const response = await get(concretePath(template), {});
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body).toEqual({ statusCode: 401, message: 'Missing API key' });
    expect(responseValidator(template, 401)(body)).toBe(true);
  });

  it('answers a wrong API key with 401 Invalid API key', async () => {
    const response = await get('/v1/external-integration/installations', { 'x-api-key': `${API_KEY}x` });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ statusCode: 401, message: 'Invalid API key' });
  });

  it.each(documentedPaths.filter((p) => p.includes('{')))(
    'answers GET %s for IDs that do not exist with a documented 404',
    async (template) => {
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
        const prefix = {
          instanceIntegrationId: 'inst_',
          clientId: 'lglsocli_',
          userId: 'lglsousr_',
          workerId: 'lglsowpr_',
        }[name];
        return `${prefix}doesNotExist`;
      });
      const response = await get(path);
      expect(response.status).toBe(404);
      const body = await response.json();
      expect(body).toMatchObject({ statusCode: 404, message: expect.any(String) });
      expect(responseValidator(template, 404)(body)).toBe(true);
    },
  );

  it.each(documentedPaths.filter((p) => p.includes('{')))(
    'answers GET %s with a documented 400 when an ID has the wrong prefix',
    async (template) => {
      const good = concretePath(template);
      // Put an event ID where the path's last ID belongs: a well-formed ID, of the wrong kind.
      const segments = good.split('/');
      const last = segments.findLastIndex((segment) => /^(inst|lglso[a-z]+)_/.test(segment));
      segments[last] = 'lglsoevt_uWrongKind';
      const bad = segments.join('/');
      const response = await get(bad);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body).toMatchObject({ statusCode: 400, message: expect.stringMatching(/Invalid \w+Id/) });
      expect(responseValidator(template, 400)(body)).toBe(true);
    },
  );

  it('answers paths it does not serve with 404 in the error shape', async () => {
    const response = await get('/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ statusCode: 404, message: 'Cannot GET /v1/nothing-here' });
  });

  it('scopes clients to their installation: a client of another installation is a 404', async () => {
    const [first, second] = sandbox.dataset.installations;
    const foreign = sandbox.dataset.clients.find((c) => c.installationId === second!.id)!;
    const response = await get(`/v1/instance-integrations/${first!.id}/clients/${foreign.id}`);
    expect(response.status).toBe(404);
  });

  it('returns the same data for the same seed and different data for another seed', async () => {
    const again = await startSandbox({ apiKey: API_KEY, seed: 42 });
    const other = await startSandbox({ apiKey: API_KEY, seed: 43 });
    try {
      const read = (s: Sandbox) =>
        fetch(`${s.url}/v1/external-integration/installations`, { headers: { 'x-api-key': API_KEY } }).then(
          (r) => r.json(),
        );
      expect(await read(again)).toEqual(await read(sandbox));
      expect(await read(other)).not.toEqual(await read(sandbox));
    } finally {
      await Promise.all([again.stop(), other.stop()]);
    }
  });
});
