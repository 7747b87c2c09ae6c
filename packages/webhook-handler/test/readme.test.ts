import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeEvent } from '@listo/events/fixtures';
import type { Express } from 'express';
import type { Hono } from 'hono';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebhookHandler, type WebhookEventHandlers } from '../src/index';
import { delivery, futureEvent, request, SECRET } from './support/deliveries';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package so that the examples resolve express and hono as the package does, but outside src/ and
// test/ so that a concurrent `tsc -p tsconfig.json` never sees these files.
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
        .replaceAll("'@listo/webhook-handler/node'", "'../src/node/index'")
        .replaceAll("'@listo/webhook-handler'", "'../src/index'"),
    );
  }
}
for (const [heading, code] of examples) if (!code) examples.delete(heading);
const file = (heading: string) => join(dir, `${[...examples.keys()].indexOf(heading)}.ts`);

/** Imports the example under `heading`, with `LISTO_WEBHOOK_SECRET` set (or unset) while it loads. */
async function load<T>(heading: string, secret: string | null = SECRET): Promise<T> {
  expect(examples.has(heading), `an example under "${heading}"`).toBe(true);
  if (secret === null) delete process.env.LISTO_WEBHOOK_SECRET;
  else process.env.LISTO_WEBHOOK_SECRET = secret;
  return (await import(file(heading))) as T;
}

let log: ReturnType<typeof vi.spyOn>;
const logged = () => log.mock.calls.map((args: unknown[]) => args.join(' '));

const servers: Server[] = [];
beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const heading of examples.keys()) writeFileSync(file(heading), examples.get(heading)!);
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
});
afterEach(() => log.mockClear());
afterAll(async () => {
  log.mockRestore();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(dir, { recursive: true, force: true });
  delete process.env.LISTO_WEBHOOK_SECRET;
});

async function answerOf(response: Response): Promise<[number, unknown]> {
  return [response.status, await response.json()];
}

describe('the README examples', () => {
  it('are all named, one per section', () => {
    expect([...examples.keys()]).toEqual([
      'Hono',
      'Express',
      'Next.js route handler (`app/api/webhooks/listo/route.ts`)',
      'Handlers',
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

  it('Hono hands a subscribed event to its handler, the rest to otherwise, and refuses a forgery', async () => {
    const { default: app } = await load<{ default: Hono }>('Hono');
    const onboarded = makeEvent('worker.onboarded', 1);
    expect(await answerOf(await app.request(request(delivery(onboarded))))).toEqual([
      200,
      { status: 'handled', webhookId: onboarded.id },
    ]);
    const client = makeEvent('client.created', 1);
    expect((await app.request(request(delivery(client)))).status).toBe(200);
    expect(logged()).toEqual([`onboarded ${onboarded.data.workerId}`, 'not subscribed client.created']);
    const forged = delivery(makeEvent('worker.onboarded', 1));
    forged.body = forged.body.replace('{', '{ ');
    expect((await app.request(request(forged))).status).toBe(401);
  });

  it('Express receives a delivery over a real socket, once, with its delivery facts', async () => {
    const { default: app } = await load<{ default: Express }>('Express');
    const server = createServer(app);
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/listo`;
    const event = makeEvent('client.created', 1, { data: { name: 'Acme' } });
    for (const expected of ['handled', 'duplicate']) {
      const d = delivery(event);
      const response = await fetch(url, { method: 'POST', headers: d.headers, body: d.body });
      expect(await answerOf(response)).toEqual([200, { status: expected, webhookId: event.id }]);
    }
    expect(logged()).toEqual(['client Acme 1']);
  });

  it('Next.js loads without the secret (as `next build` does), then receives deliveries', async () => {
    const { POST } = await load<{ POST: (request: Request) => Promise<Response> }>(
      'Next.js route handler (`app/api/webhooks/listo/route.ts`)',
      null,
    );
    process.env.LISTO_WEBHOOK_SECRET = SECRET;
    const event = makeEvent('user.created', 1);
    expect(await answerOf(await POST(request(delivery(event))))).toEqual([
      200,
      { status: 'handled', webhookId: event.id },
    ]);
    expect(logged()).toEqual([`user ${event.data.userId}`]);
    const mismatch = await POST(request(delivery(makeEvent('user.created', 1), { id: 'lglsoevt_other' })));
    expect(mismatch.status).toBe(400);
  });

  it('"Handlers" is a complete set that a handler takes, for known, unknown and invalid events', async () => {
    const { handlers } = await load<{ handlers: WebhookEventHandlers }>('Handlers');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const handler = createWebhookHandler({ secret: SECRET, handlers });
      const worker = makeEvent('worker.onboarded', 1);
      expect((await handler.fetch(request(delivery(worker)))).status).toBe(200);
      expect((await handler.fetch(request(delivery(futureEvent())))).status).toBe(200);
      const broken = { ...makeEvent('client.created', 1), occurredAt: 'soon' };
      expect(await handler.fetch(request(delivery(broken)))).toHaveProperty('status', 202);
      expect(logged()).toEqual([
        `${worker.data.workerId} ${worker.id}`,
        'a newer event; acknowledged client.archived 1',
      ]);
      expect(warn.mock.calls.map((args) => args.slice(0, 2).join(' '))).toEqual([
        `kept for inspection ${broken.id}`,
      ]);
    } finally {
      warn.mockRestore();
    }
  });
});
