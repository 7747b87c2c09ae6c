import { makeEvent } from '@listo/events/fixtures';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { createWebhookHandler } from '../src/index';
import { delivery, request, SECRET } from './support/deliveries';

describe('with Hono', () => {
  it('handles c.req.raw, a Fetch Request', async () => {
    const seen: string[] = [];
    const listo = createWebhookHandler({
      secret: SECRET,
      handlers: { 'user.created': { 1: (event) => void seen.push(event.data.userId) }, otherwise: () => {} },
    });
    const app = new Hono();
    app.post('/webhooks/listo', (c) => listo.fetch(c.req.raw));
    const event = makeEvent('user.created', 1);
    const response = await app.request(request(delivery(event)));
    expect([response.status, await response.json()]).toEqual([
      200,
      { status: 'handled', webhookId: event.id },
    ]);
    expect(seen).toEqual([event.data.userId]);
    const forged = delivery(makeEvent('user.created', 1));
    forged.headers['webhook-signature'] = `v1,${'A'.repeat(43)}=`;
    expect((await app.request(request(forged))).status).toBe(401);
  });
});
