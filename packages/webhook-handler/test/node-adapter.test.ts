import { once } from 'node:events';
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeEvent } from '@listo/events/fixtures';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhookHandler, type FailedDeliveryReport, type WebhookHandler } from '../src/index';
import { createNodeMiddleware } from '../src/node/index';
import { delivery, SECRET, type TestDelivery } from './support/deliveries';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function listen(listener: RequestListener): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/listo`;
}

async function post(url: string, d: TestDelivery): Promise<[number, unknown]> {
  const response = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
  return [response.status, await response.json()];
}

function handled(): { handler: WebhookHandler; seen: string[]; failed: FailedDeliveryReport[] } {
  const seen: string[] = [];
  const failed: FailedDeliveryReport[] = [];
  const handler = createWebhookHandler({
    secret: SECRET,
    handlers: {
      'client.created': { 1: (event) => void seen.push(`${event.data.name} ${event.id}`) },
      otherwise: (event) => void seen.push(`otherwise ${event.type}`),
    },
    hooks: { onFailed: (r) => void failed.push(r) },
  });
  return { handler, seen, failed };
}

describe('createNodeMiddleware with plain node:http', () => {
  it('handles a delivery sent over a real socket', async () => {
    const { handler, seen } = handled();
    const url = await listen(createNodeMiddleware(handler));
    const event = makeEvent('client.created', 1);
    expect(await post(url, delivery(event))).toEqual([200, { status: 'handled', webhookId: event.id }]);
    expect(await post(url, delivery(event))).toEqual([200, { status: 'duplicate', webhookId: event.id }]);
    expect(seen).toEqual([`${event.data.name} ${event.id}`]);
  });

  it('answers every refusal with its status, and closes a connection whose body it did not read', async () => {
    const { handler } = handled();
    const url = await listen(createNodeMiddleware(handler));
    const forged = delivery();
    forged.body = forged.body.replace('{', '{ ');
    expect((await post(url, forged))[0]).toBe(401);
    const stale = delivery(makeEvent('client.created', 1), { timestamp: 1_600_000_000 });
    const response = await fetch(url, { method: 'POST', headers: stale.headers, body: stale.body });
    expect(response.status).toBe(401);
    expect(response.headers.get('connection')).toBe('close');
    const text = delivery();
    text.headers['content-type'] = 'text/plain';
    expect((await post(url, text))[0]).toBe(415);
  });

  it('answers 413 to a streamed body past the limit, without reading it all', async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      bodyLimit: 4096,
      handlers: { otherwise: () => {} },
    });
    const url = await listen(createNodeMiddleware(handler));
    const d = delivery();
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(url, {
        method: 'POST',
        headers: { ...d.headers, 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
        req.destroy(); // stop sending the endless body
      });
      req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
      const chunk = Buffer.alloc(1024, 0x20);
      const write = () => {
        while (req.write(chunk)) if (req.writableLength > 1 << 20) break;
      };
      write();
      req.on('drain', write);
    });
    expect(status).toBe(413);
  });

  it('handles 30 concurrent duplicates over separate connections once', async () => {
    const { handler, seen } = handled();
    const url = await listen(createNodeMiddleware(handler));
    const event = makeEvent('client.created', 1);
    const statuses = await Promise.all(
      Array.from({ length: 30 }, () => post(url, delivery(event)).then(([status]) => status)),
    );
    expect(seen).toHaveLength(1);
    expect(statuses.every((s) => s === 200 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
  });
});

describe('createNodeMiddleware with Express', () => {
  it('is a route handler', async () => {
    const { handler, seen } = handled();
    const app = express();
    app.post('/webhooks/listo', createNodeMiddleware(handler));
    app.use(express.json());
    const url = await listen(app);
    const event = makeEvent('worker.onboarded', 1);
    expect(await post(url, delivery(event))).toEqual([200, { status: 'handled', webhookId: event.id }]);
    expect(seen).toEqual(['otherwise worker.onboarded']);
  });

  it('reads a body that express.raw() captured', async () => {
    const { handler, seen } = handled();
    const app = express();
    app.post('/webhooks/listo', express.raw({ type: 'application/json' }), createNodeMiddleware(handler));
    const url = await listen(app);
    expect((await post(url, delivery()))[0]).toBe(200);
    expect(seen).toHaveLength(1);
  });

  it('after express.json(), answers 500 without details and tells the onFailed hook why', async () => {
    const { handler, failed } = handled();
    const app = express();
    app.use(express.json());
    app.post('/webhooks/listo', createNodeMiddleware(handler));
    const url = await listen(app);
    expect(await post(url, delivery())).toEqual([
      500,
      { error: 'internal_error', message: 'The delivery could not be handled now; retry later' },
    ]);
    expect(failed[0]).toMatchObject({ reason: 'body_already_parsed' });
    expect(String((failed[0]!.error as Error).message)).toMatch(/express\.json\(\)/);
  });
});
