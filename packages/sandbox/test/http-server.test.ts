import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index';
import { errorValidator } from './support/openapi';

const API_KEY = 'http-test-key';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, seed: 5, oidc: false });
});
afterAll(() => sandbox.stop());

const INSTALLATIONS = '/v1/external-integration/installations';

function call(method: string, path: string, headers: Record<string, string> = { 'x-api-key': API_KEY }) {
  return fetch(`${sandbox.url}${path}`, { method, headers });
}

/** A request with a request target fetch() would never send (`*`, absolute-form). */
function raw(target: string, method = 'GET'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(sandbox.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: hostname,
      port,
      method,
      path: target,
      headers: { 'x-api-key': API_KEY },
    });
    req.on('response', (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the sandbox as an HTTP server', () => {
  it('answers a method a REST path does not serve with 405 and an Allow header listing GET and HEAD', async () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']) {
      const response = await call(method, INSTALLATIONS);
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow'), method).toBe('GET, HEAD');
      const body = await response.json();
      expect(body).toEqual({ statusCode: 405, message: `Cannot ${method} ${INSTALLATIONS}` });
      expect(errorValidator(body)).toBe(true);
    }
  });

  it('lists every method of an admin path in the Allow header of its 405', async () => {
    const chaos = await call('PUT', '/__admin/chaos');
    expect(chaos.status).toBe(405);
    expect(chaos.headers.get('allow')).toBe('GET, HEAD, POST');
    const users = await call('GET', '/__admin/users');
    expect(users.status).toBe(405);
    expect(users.headers.get('allow')).toBe('POST');
  });

  it('answers HEAD wherever GET works, with the same status and headers and no body', async () => {
    const worker = sandbox.dataset.workers[0]!;
    const paths = [
      INSTALLATIONS,
      `/v2/instance-integrations/${worker.installationId}/clients/${worker.clientId}/workers/${worker.id}`,
      '/__admin/dataset',
      '/__health',
    ];
    for (const path of paths) {
      const get = await call('GET', path);
      const getBody = await get.text();
      const head = await call('HEAD', path);
      expect(head.status, path).toBe(200);
      expect(head.headers.get('content-type'), path).toBe(get.headers.get('content-type'));
      expect(head.headers.get('content-length'), path).toBe(String(Buffer.byteLength(getBody)));
      expect(await head.text(), path).toBe('');
    }
    const unknown = await call('HEAD', '/v1/instance-integrations/inst_nope/clients');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toBe('');
    const unauthorized = await call('HEAD', INSTALLATIONS, {});
    expect(unauthorized.status).toBe(401);
  });

  it('reads a path that starts with // as a path, never as a host', async () => {
    const hostLike = await call('GET', `//evil.example${INSTALLATIONS}`);
    expect(hostLike.status).toBe(404);
    expect(await hostLike.json()).toEqual({
      statusCode: 404,
      message: `Cannot GET //evil.example${INSTALLATIONS}`,
    });
    expect((await call('GET', `/${INSTALLATIONS}`)).status).toBe(404);
    expect((await call('GET', `${INSTALLATIONS}/`)).status).toBe(404);
  });

  it('serves an absolute-form request target by its path, and refuses one that is not a URL', async () => {
    const absolute = await raw(`http://elsewhere.example${INSTALLATIONS}`);
    expect(absolute.status).toBe(200);
    expect(JSON.parse(absolute.body)).toHaveLength(sandbox.dataset.installations.length);
    const asterisk = await raw('*', 'OPTIONS');
    expect(asterisk.status).toBe(400);
    expect(JSON.parse(asterisk.body)).toEqual({ statusCode: 400, message: 'Malformed request target' });
  });
});
