import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReceiver } from '../src/server';
import { spawnReceiver } from './support/child-receiver';
import { STORE_BACKENDS } from './support/databases';
import { startTestReceiver } from './support/receiver';

const TOKEN = 'operator-token-0123456789abcdef';

describe('the operator API with RECEIVER_API_TOKEN set', () => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(prepared.options, { apiToken: TOKEN });
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  it('refuses /api and /metrics without the bearer token, or with a wrong one', async () => {
    for (const path of ['/api/deliveries', '/api/clients', '/metrics']) {
      expect((await fetch(`${receiver.url}${path}`)).status).toBe(401);
      const wrong = await fetch(`${receiver.url}${path}`, { headers: { authorization: `Bearer ${TOKEN}x` } });
      expect(wrong.status).toBe(401);
    }
    const replay = await fetch(`${receiver.url}/api/dead-letters/lglsoevt_x/replay`, { method: 'POST' });
    expect(replay.status).toBe(401);
  });

  it('serves them with the token, and keeps the webhook and health endpoints open', async () => {
    const ok = await fetch(`${receiver.url}/api/deliveries`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(200);
    expect(
      (await fetch(`${receiver.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).status,
    ).toBe(200);
    expect((await fetch(`${receiver.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${receiver.url}/readyz`)).status).toBe(200);
    // Unsigned, so 400 — but not 401 from the operator guard.
    const webhook = await fetch(`${receiver.url}/webhooks/listo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(webhook.status).toBe(400);
  });
});

/** A request with an exact Host header (fetch always sends the URL's). */
function requestWithHost(port: number, method: string, path: string, headers: Record<string, string>) {
  return new Promise<number>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the operator routes of a receiver on loopback without any credential configured', () => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(prepared.options);
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  it('serve this machine under its loopback names only, never a page that rebound its own name here', async () => {
    for (const host of [
      `127.0.0.1:${receiver.port}`,
      `localhost:${receiver.port}`,
      `[::1]:${receiver.port}`,
    ]) {
      expect(await requestWithHost(receiver.port, 'GET', '/api/clients', { host })).toBe(200);
    }
    for (const host of [
      'rebind.evil.example',
      `rebind.evil.example:${receiver.port}`,
      '127.0.0.1.evil.example',
    ]) {
      for (const path of ['/api/clients', '/api/workers', '/metrics', '/']) {
        expect(await requestWithHost(receiver.port, 'GET', path, { host })).toBe(421);
      }
    }
    // The webhook endpoint and the health checks answer whatever the Host: Listo and load balancers call them.
    expect(await requestWithHost(receiver.port, 'GET', '/healthz', { host: 'hooks.partner.example' })).toBe(
      200,
    );
  });

  it('refuse a state-changing request from another site', async () => {
    const replay = (headers: Record<string, string>) =>
      requestWithHost(receiver.port, 'POST', '/api/dead-letters/lglsoevt_x/replay', {
        host: `127.0.0.1:${receiver.port}`,
        ...headers,
      });
    expect(await replay({ 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await replay({ 'sec-fetch-site': 'same-site' })).toBe(403);
    expect(await replay({ origin: 'https://evil.example' })).toBe(403);
    expect(await replay({ origin: 'null' })).toBe(403);
    // Same origin, or no browser at all: it reaches the route (which knows no such dead letter).
    expect(await replay({ 'sec-fetch-site': 'same-origin' })).toBe(404);
    expect(await replay({ origin: `http://127.0.0.1:${receiver.port}` })).toBe(404);
    expect(await replay({})).toBe(404);
  });
});

describe('starting on an address others can reach', () => {
  it('is refused while nothing guards the personal data of the operator routes, with a clear message', async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    try {
      await expect(startTestReceiver(prepared.options, { host: '0.0.0.0' })).rejects.toThrow(
        /HOST is 0\.0\.0\.0, which others can reach, and nothing guards the operator routes/,
      );
      const guarded = await startTestReceiver(prepared.options, { host: '0.0.0.0', apiToken: TOKEN });
      try {
        // With the token the Host does not matter: a token is no ambient browser credential.
        const status = await requestWithHost(guarded.port, 'GET', '/api/clients', {
          host: 'receiver.internal:9999',
          authorization: `Bearer ${TOKEN}`,
        });
        expect(status).toBe(200);
        expect(
          await requestWithHost(guarded.port, 'GET', '/api/clients', { host: 'receiver.internal' }),
        ).toBe(421);
        expect(
          await requestWithHost(guarded.port, 'GET', '/api/clients', { host: `127.0.0.1:${guarded.port}` }),
        ).toBe(401);
      } finally {
        await guarded.close();
      }
    } finally {
      await prepared.cleanup();
    }
  });

  it('stops the process with exit code 78 (configuration) and says why', async () => {
    await expect(
      spawnReceiver({ HOST: '0.0.0.0', RECEIVER_DATA_DIR: mkdtempSync(join(tmpdir(), 'lr-')) }),
    ).rejects.toThrow(/exited with 78[\s\S]*Set RECEIVER_API_TOKEN, or configure the dashboard/);
  });
});
