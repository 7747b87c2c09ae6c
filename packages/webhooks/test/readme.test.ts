import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Express } from 'express';
import type { FastifyInstance } from 'fastify';
import type { Hono } from 'hono';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Webhook } from '../src/index';
import { EVENT, SECRET, signedDelivery } from './support/deliveries';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package so that the examples resolve express, fastify and hono as the package does, but outside
// src/ and test/ so that a concurrent `tsc -p tsconfig.json` never sees these files.
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every TypeScript block of the README, named by the heading above it, with the package imports pointed at the sources. */
const examples = new Map<string, string>();
for (const match of readme.matchAll(/^#+ (.+)$|```ts\n([\s\S]*?)```/gm)) {
  if (match[1]) examples.set(match[1], '');
  else if (match[2]) {
    const heading = [...examples.keys()].at(-1)!;
    if (examples.get(heading)) throw new Error(`README: two examples under "${heading}"`);
    examples.set(
      heading,
      match[2]
        .replaceAll("'@listo/webhooks/node'", "'../src/node/index'")
        .replaceAll("'@listo/webhooks/fetch'", "'../src/fetch/index'")
        .replaceAll("'@listo/webhooks'", "'../src/index'"),
    );
  }
}
for (const [heading, code] of examples) if (!code) examples.delete(heading);
const file = (heading: string) => join(dir, `${[...examples.keys()].indexOf(heading)}.ts`);

/** Imports the example under `heading`, with `LISTO_WEBHOOK_SECRET` set to `secret` (or unset) while it loads. */
async function load<T>(heading: string, secret: string | null = SECRET): Promise<T> {
  expect(examples.has(heading), `an example under "${heading}"`).toBe(true);
  if (secret === null) delete process.env.LISTO_WEBHOOK_SECRET;
  else process.env.LISTO_WEBHOOK_SECRET = secret;
  return (await import(file(heading))) as T;
}

const servers: Server[] = [];
async function listen(server: Server): Promise<string> {
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/listo`;
}

async function post(url: string, delivery = signedDelivery()): Promise<[number, unknown]> {
  const response = await fetch(url, { method: 'POST', headers: delivery.headers, body: delivery.body });
  return [response.status, await response.json()];
}

function tampered() {
  const delivery = signedDelivery();
  delivery.body = delivery.body.replace('Acme', 'Evil');
  return delivery;
}

const request = (delivery = signedDelivery()) =>
  new Request('http://127.0.0.1/webhooks/listo', {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
  });

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const heading of examples.keys()) writeFileSync(file(heading), examples.get(heading)!);
});
afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
  delete process.env.LISTO_WEBHOOK_SECRET;
});

describe('the README examples', () => {
  it('are all named, one per section', () => {
    expect([...examples.keys()]).toEqual([
      'Verify a delivery',
      '`webhook.signHeaders(msgId, timestamp, payload)` and `webhook.signHeadersAsync(…)`',
      'Express',
      'Fastify',
      'Hono',
      'Next.js route handler (`app/api/webhooks/listo/route.ts`)',
      'Using a Listo key with `standardwebhooks` or `svix`',
    ]);
  });

  it('type-check as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(
      [...examples.keys()].map(file),
      // as a user's project would compile them: no isolatedDeclarations
      { ...config.options, noEmit: true, declaration: false, isolatedDeclarations: false },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it('"Verify a delivery" accepts a real delivery and rejects a tampered one', async () => {
    const { handle } = await load<{ handle: (body: string, headers: Record<string, string>) => unknown }>(
      'Verify a delivery',
    );
    const delivery = signedDelivery();
    expect(handle(delivery.body, delivery.headers)).toEqual({ status: 200, event: EVENT });
    expect(handle(tampered().body, delivery.headers)).toEqual({ status: 401, code: 'no_matching_signature' });
  });

  it('"signHeaders" builds a test request that verifies under its generated secret', async () => {
    const { secret, request } = await load<{ secret: string; request: Request }>(
      '`webhook.signHeaders(msgId, timestamp, payload)` and `webhook.signHeadersAsync(…)`',
    );
    expect(request.headers.get('content-type')).toBe('application/json');
    expect(new Webhook(secret).verify(await request.text(), request.headers)).toEqual({
      id: 'lglsoevt_test1',
      type: 'client.created',
    });
  });

  it('Express verifies a delivery over a real socket, types rawBody, and rejects a tampered one', async () => {
    const { default: app } = await load<{ default: Express }>('Express');
    const { createServer } = await import('node:http');
    const url = await listen(createServer(app));
    const delivery = signedDelivery();
    expect(await post(url, delivery)).toEqual([
      200,
      { received: EVENT.id, bytes: Buffer.byteLength(delivery.body) },
    ]);
    expect(await post(url, tampered())).toEqual([
      401,
      expect.objectContaining({ error: 'no_matching_signature' }),
    ]);
  });

  it('Fastify verifies a delivery over a real socket and rejects a tampered one', async () => {
    const { default: app } = await load<{ default: FastifyInstance }>('Fastify');
    await app.listen({ port: 0, host: '127.0.0.1' });
    servers.push(app.server);
    const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}/webhooks/listo`;
    expect(await post(url)).toEqual([200, { received: EVENT.id }]);
    expect(await post(url, tampered())).toEqual([401, { error: 'no_matching_signature' }]);
  });

  it('Hono verifies a delivery and answers a stale one with 401', async () => {
    const { default: app } = await load<{ default: Hono }>('Hono');
    const ok = await app.request(request());
    expect([ok.status, await ok.json()]).toEqual([200, { received: EVENT.id }]);
    const stale = signedDelivery();
    Object.assign(
      stale.headers,
      new Webhook(SECRET).signHeaders(EVENT.id, Math.floor(Date.now() / 1000) - 3600, stale.body),
    );
    const old = await app.request(request(stale));
    expect([old.status, await old.json()]).toEqual([401, { error: 'timestamp_too_old' }]);
  });

  it('Next.js loads without the secret (as `next build` does), names the missing variable, then verifies', async () => {
    const { POST } = await load<{ POST: (request: Request) => Promise<Response> }>(
      'Next.js route handler (`app/api/webhooks/listo/route.ts`)',
      null,
    );
    await expect(POST(request())).rejects.toThrow(/got undefined — is LISTO_WEBHOOK_SECRET/);
    process.env.LISTO_WEBHOOK_SECRET = SECRET;
    const ok = await POST(request());
    expect([ok.status, await ok.json()]).toEqual([200, { received: EVENT.id }]);
    const missing = signedDelivery();
    delete missing.headers['webhook-id'];
    const bad = await POST(request(missing));
    expect([bad.status, await bad.json()]).toEqual([400, { error: 'missing_header' }]);
  });

  it('the key conversion makes a Listo key work in standardwebhooks and svix, which refuse it as is', async () => {
    const { toWhsec, standard, svix } = await load<{
      toWhsec: (key: string) => string;
      standard: StandardWebhook;
      svix: StandardWebhook;
    }>('Using a Listo key with `standardwebhooks` or `svix`');
    // A key whose base64url text has - or _, which base64 does not have.
    const listoKey = `whk_${Buffer.from(new Uint8Array(32).map((_, i) => (i * 37 + 250) % 256)).toString('base64url')}`;
    expect(listoKey.slice(4)).toMatch(/[-_]/);
    const delivery = { body: '{"type":"client.created"}', now: Math.floor(Date.now() / 1000) };
    const headers = new Webhook(listoKey).signHeaders('lglsoevt_1', delivery.now, delivery.body);
    expect(() => new StandardWebhook(listoKey).verify(delivery.body, headers)).toThrow();
    expect(new StandardWebhook(toWhsec(listoKey)).verify(delivery.body, headers)).toEqual({
      type: 'client.created',
    });
    // The module's own instances, made from LISTO_WEBHOOK_SECRET.
    const fromEnv = signedDelivery();
    expect(standard.verify(fromEnv.body, fromEnv.headers)).toEqual(EVENT);
    expect(svix.verify(fromEnv.body, fromEnv.headers)).toEqual(EVENT);
    expect(new Webhook(toWhsec(SECRET)).sign('m', 1, '{}')).toBe(new Webhook(SECRET).sign('m', 1, '{}'));
  });
});
