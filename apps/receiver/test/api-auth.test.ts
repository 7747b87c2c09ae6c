import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReceiver } from '../src/server';
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
