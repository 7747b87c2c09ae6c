import { once } from 'node:events';
import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runInNewContext } from 'node:vm';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook } from '../src/index';
import { readRawBody, verifyNodeRequest, webhookMiddleware } from '../src/node/index';
import { EVENT, SECRET, signedDelivery } from './support/deliveries';

const webhook = new Webhook(SECRET);
const servers: Server[] = [];

async function listen(handler: RequestListener): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function post(url: string, delivery = signedDelivery()): Promise<{ status: number; json: unknown }> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

/** Sends a body in several chunks without a content-length, as a streaming client would. */
function postChunked(
  url: string,
  headers: Record<string, string>,
  chunks: (string | Uint8Array)[],
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } },
      (res) => {
        let body = '';
        res
          .setEncoding('utf8')
          .on('data', (chunk) => (body += chunk))
          .on('end', () => resolve({ status: res.statusCode!, body }));
      },
    );
    req.on('error', reject);
    for (const chunk of chunks) req.write(chunk);
    req.end();
  });
}

describe('readRawBody', () => {
  it('returns exactly the bytes sent, across chunks split inside a UTF-8 character', async () => {
    const url = await listen(async (req, res) => {
      const raw = await readRawBody(req);
      res.end(raw.toString('base64'));
    });
    const bytes = Buffer.from('{"name":"Zürich — ✓"}');
    const split = bytes.indexOf(0xc3) + 1; // between the two bytes of "ü"
    const response = await postChunked(url, {}, [bytes.subarray(0, split), bytes.subarray(split)]);
    expect(Buffer.from(response.body, 'base64')).toEqual(bytes);
  });

  it('rejects a body over the limit with payload_too_large, declared or streamed', async () => {
    const url = await listen(async (req, res) => {
      try {
        await readRawBody(req, { limit: 10 });
        res.end('read');
      } catch (error) {
        res.statusCode = (error as { status: number }).status;
        res.end((error as { code: string }).code);
      }
    });
    const declared = await fetch(url, { method: 'POST', body: 'x'.repeat(11) });
    expect([declared.status, await declared.text()]).toEqual([413, 'payload_too_large']);
    const streamed = await postChunked(url, {}, ['x'.repeat(6), 'x'.repeat(6)]);
    expect(streamed).toEqual({ status: 413, body: 'payload_too_large' });
    const atLimit = await fetch(url, { method: 'POST', body: 'x'.repeat(10) });
    expect(await atLimit.text()).toBe('read');
  });

  it('rejects a stream that something already read with body_already_parsed', async () => {
    const url = await listen(async (req, res) => {
      for await (const _ of req); // something read the stream first
      const error = await readRawBody(req).catch((e: { code: string; message: string }) => e);
      res.end(JSON.stringify(error));
    });
    const { json } = await post(url);
    expect(json).toMatchObject({ code: 'body_already_parsed' });
  });
});

describe('a body that a framework already captured', () => {
  it('is read from bytes of another realm (a body parser running in a vm context or Jest environment)', async () => {
    const url = await listen(async (req, res) => {
      const raw = await readRawBody(req);
      const foreign = runInNewContext('new Uint8Array(bytes)', { bytes: [...raw] }) as Uint8Array;
      const event = await verifyNodeRequest(Object.assign(req, { body: foreign }), webhook);
      res.end(JSON.stringify({ foreign: !(foreign instanceof Uint8Array), event }));
    });
    expect(await post(url)).toEqual({ status: 200, json: { foreign: true, event: EVENT } });
  });
});

describe('verifyNodeRequest with plain node:http', () => {
  it('resolves to the verified event', async () => {
    const url = await listen(async (req, res) => {
      const event = await verifyNodeRequest(req, webhook);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(event));
    });
    expect(await post(url)).toEqual({ status: 200, json: EVENT });
  });
});

describe('webhookMiddleware', () => {
  it('works as a plain node:http handler step', async () => {
    const middleware = webhookMiddleware(webhook);
    const url = await listen((req, res) => {
      middleware(req, res, () => res.end(JSON.stringify((req as unknown as { body: unknown }).body)));
    });
    expect(await post(url)).toEqual({ status: 200, json: EVENT });
  });

  it('answers a bad signature with its status and code, without calling the handler', async () => {
    let handled = false;
    const middleware = webhookMiddleware(webhook);
    const url = await listen((req, res) => middleware(req, res, () => (handled = true)));
    const delivery = signedDelivery();
    delivery.headers['webhook-signature'] = `v1,${'A'.repeat(43)}=`;
    const { status, json } = await post(url, delivery);
    expect(status).toBe(401);
    expect(json).toMatchObject({ error: 'no_matching_signature' });
    expect(handled).toBe(false);
  });

  it('answers an oversized body with 413 and closes the connection', async () => {
    const middleware = webhookMiddleware(webhook, { limit: 64 });
    const url = await listen((req, res) => middleware(req, res, () => res.end('handled')));
    const response = await fetch(url, {
      method: 'POST',
      headers: signedDelivery().headers,
      body: 'x'.repeat(65),
    });
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toMatchObject({ error: 'payload_too_large' });
  });
});

describe('with Express (the README example is run by readme.test.ts)', () => {
  it('says clearly when express.json() ran first and consumed the raw body', async () => {
    const misconfigured = express();
    misconfigured.use(express.json());
    misconfigured.post('/webhooks/listo', webhookMiddleware(webhook), (_req, res) => res.sendStatus(200));
    const { status, json } = await post(`${await listen(misconfigured)}/webhooks/listo`);
    expect(status).toBe(500);
    expect(json).toMatchObject({ error: 'body_already_parsed' });
    expect((json as { message: string }).message).toMatch(/express\.json\(\).*express\.raw/);
  });

  it('accepts a body captured by express.raw()', async () => {
    const withRaw = express();
    withRaw.post(
      '/webhooks/listo',
      express.raw({ type: 'application/json' }),
      webhookMiddleware(webhook),
      (req, res) => {
        res.json(req.body);
      },
    );
    expect(await post(`${await listen(withRaw)}/webhooks/listo`)).toEqual({ status: 200, json: EVENT });
  });
});
