import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEvent } from '@listo/events';
import { Webhook } from '@listo/webhooks';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GATEWAY_USER_AGENT, type Sandbox, startSandbox } from '../src/index';
import { buildCliBinary, type CliResult, runCli } from './support/cli-binary';
import { makeSecret, type Reaction, type ReceivedRequest, startReceiver } from './support/receiver';

// Hang guards, not speed limits: each test starts several Node processes, which takes seconds apiece on a
// loaded 2-core machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 240_000 });

const secret = makeSecret(9);
let binary: Awaited<ReturnType<typeof buildCliBinary>>;
const cli = (args: string[], env: Record<string, string> = {}): Promise<CliResult> =>
  runCli(binary.path, args, env);

beforeAll(async () => {
  binary = await buildCliBinary();
});
afterAll(() => binary.remove());

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

/**
 * A loopback receiver that verifies every request with the Standard Webhooks reference library (and Listo's key
 * in its `whsec_` form), answers 401 when a signature does not hold, and otherwise reacts as told.
 */
async function verifyingReceiver(react: (index: number) => Reaction = () => 200) {
  const verified: { request: ReceivedRequest; payload: unknown }[] = [];
  const receiver = await startReceiver((request, index) => {
    try {
      const payload = new StandardWebhook(secret.whsec).verify(
        request.body,
        request.headers as Record<string, string>,
      );
      verified.push({ request, payload });
    } catch {
      return 401;
    }
    return react(index);
  });
  cleanups.push(receiver.close);
  return { ...receiver, verified };
}

describe('listo-sandbox send', () => {
  it('delivers one signed fixture event, verified by the Standard Webhooks library, and exits 0 on a 2xx', async () => {
    const receiver = await verifyingReceiver();
    const result = await cli([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--type',
      'worker.onboarded',
    ]);

    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^attempt 1\/3: HTTP 200 in \d+ ms \(webhook-id lglsoevt_\w+\)$/m);
    expect(result.stdout).toMatch(/^delivered worker\.onboarded v1 lglsoevt_\w+ after 1 attempt\(s\)$/m);
    expect(receiver.verified).toHaveLength(1);
    const { request, payload } = receiver.verified[0]!;
    expect(request.headers['user-agent']).toBe(GATEWAY_USER_AGENT);
    expect(payload).toMatchObject({
      type: 'worker.onboarded',
      dataVersion: 1,
      id: request.headers['webhook-id'],
    });
    expect(parseEvent(payload).kind).toBe('known');
  });

  it("prints every attempt's status with the start of the receiver's answer, and retries to a 2xx", async () => {
    const receiver = await verifyingReceiver((index) =>
      index < 2 ? { status: 500, body: 'handler failed:\n  column "nmae" does not exist' } : 202,
    );
    const result = await cli([
      'send',
      ...['--url', receiver.url, '--secret', secret.whk, '--type', 'client.created', '--data-version', '1'],
      ...['--backoff-scale', '0.005'],
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /attempt 1\/3: HTTP 500 .*\n {2}response: handler failed: column "nmae" does not exist\nattempt 2\/3: HTTP 500[\s\S]*attempt 3\/3: HTTP 202 .*\n {2}response: ok\n/,
    );
    expect(new Set(receiver.verified.map((v) => v.request.headers['webhook-id'])).size).toBe(1);
    expect(receiver.verified).toHaveLength(3);
  });

  it('exits 1 with a report of each attempt after the last one fails', async () => {
    const receiver = await verifyingReceiver(() => 'destroy');
    const result = await cli([
      'send',
      ...[
        '--url',
        receiver.url,
        '--secret',
        secret.whk,
        '--type',
        'user.created',
        '--backoff-scale',
        '0.005',
      ],
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^attempt \d\/3: /gm)).toHaveLength(3);
    expect(result.stdout).toMatch(/^failed to deliver user\.created v1 lglsoevt_\w+ after 3 attempt\(s\)$/m);
    expect(receiver.requests).toHaveLength(3);
  });

  it('sends a type @listo/events does not know as a valid envelope, so a receiver can show it tolerates it', async () => {
    const receiver = await verifyingReceiver();
    const result = await cli([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--type',
      'worker.terminated',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('worker.terminated v1 is not an event @listo/events knows');
    const { payload } = receiver.verified[0]!;
    const parsed = parseEvent(payload);
    expect(parsed.kind).toBe('unknown');
    expect(payload).toMatchObject({
      type: 'worker.terminated',
      entity: { type: 'worker', id: expect.stringMatching(/^lglsowpr_/) },
    });
  });

  it('sends --file byte for byte, with its id as the webhook-id', async () => {
    const receiver = await verifyingReceiver();
    const dir = mkdtempSync(join(tmpdir(), 'listo-send-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    const body = `{ "id": "lglsoevt_uFromAFile000001", "type": "client.archived", "specVersion": 1,
  "dataVersion": 3, "occurredAt": "2026-05-02T10:14:32.184Z",
  "entity": { "type": "client", "id": "lglsocli_uZIIHfKqYBwyaRGGs" }, "data": { "reason": "déjà vu" } }\n`;
    writeFileSync(join(dir, 'event.json'), body);
    const result = await cli([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--file',
      join(dir, 'event.json'),
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^delivered client\.archived v3 lglsoevt_uFromAFile000001 after 1 attempt\(s\)$/m,
    );
    const { request } = receiver.verified[0]!;
    expect(request.body).toBe(body);
    expect(request.headers['webhook-id']).toBe('lglsoevt_uFromAFile000001');

    writeFileSync(join(dir, 'broken.json'), '{"type": "client.created"}');
    const broken = await cli([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--file',
      join(dir, 'broken.json'),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('must hold a JSON object with a string "id"');
  });

  it('refuses missing options and a malformed secret with exit code 2, before sending anything', async () => {
    const missing = await cli(['send', '--url', 'http://127.0.0.1:9/']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('send needs --url, --secret and one of --type or --file');
    const badSecret = await cli([
      'send',
      '--url',
      'http://127.0.0.1:9/',
      '--secret',
      'hunter2',
      '--type',
      'user.created',
    ]);
    expect(badSecret.code).toBe(2);
    expect(badSecret.stderr).toContain('Invalid --secret');
  });
});

describe('listo-sandbox generate-secret', () => {
  it("prints a new whk_ key that signs and verifies like @listo/webhooks' own", async () => {
    const [first, second] = await Promise.all([cli(['generate-secret']), cli(['generate-secret'])]);
    expect(first.code).toBe(0);
    const key = first.stdout.trim();
    expect(key).toMatch(/^whk_[A-Za-z0-9_-]{43}$/);
    expect(second.stdout.trim()).not.toBe(key);
    const webhook = new Webhook(key);
    const headers = webhook.signHeaders('lglsoevt_uKey', new Date(), '{}');
    expect(webhook.verify('{}', headers)).toEqual({});
  });
});

describe('the commands against a running sandbox', () => {
  let sandbox: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    sandbox = await startSandbox({ apiKey: 'cli-key', seed: 4, deliveryBackoffMs: 0.001 });
    env = { LISTO_SANDBOX_URL: sandbox.url, LISTO_API_KEY: sandbox.apiKey };
  });
  afterAll(() => sandbox.stop());

  const rest = (path: string) => fetch(`${sandbox.url}${path}`, { headers: { 'x-api-key': sandbox.apiKey } });

  it('trigger creates the entities each event reports, so its links.self resolves on the REST API', async () => {
    const receiver = await verifyingReceiver();
    const subscribed = await cli(['subscribe', '--url', receiver.url, '--secret', secret.whk], env);
    expect(subscribed.code).toBe(0);
    const subscriptionId = JSON.parse(subscribed.stdout).id as string;
    cleanups.push(() => cli(['unsubscribe', subscriptionId], env));
    const types = [
      'client.created',
      'user.created',
      'worker.onboarded',
      'worker.updated',
      'worker.contract.updated',
    ];
    const triggered = await Promise.all(types.map((type) => cli(['trigger', type], env)));
    for (const [i, result] of triggered.entries()) {
      expect(result.code, result.stderr).toBe(0);
      const { event, known } = JSON.parse(result.stdout) as { event: unknown; known: boolean };
      expect(known).toBe(true);
      const parsed = parseEvent(event);
      expect(parsed.kind === 'known' && parsed.event.type).toBe(types[i]);
      const self = (event as { data: { links: { self: string } } }).data.links.self;
      const current = await rest(self);
      expect(current.status, self).toBe(200);
    }
    await sandbox.waitForDeliveries();
    expect(receiver.verified.map((v) => (v.payload as { type: string }).type).sort()).toEqual(
      [...types].sort(),
    );
  });

  it('trigger sends a type it does not know as a minimal envelope about an existing entity', async () => {
    const client = sandbox.dataset.clients[1]!;
    const result = await cli(
      ['trigger', 'client.archived', '--client', client.id, '--data-version', '2'],
      env,
    );
    expect(result.code, result.stderr).toBe(0);
    const { event, known } = JSON.parse(result.stdout);
    expect(known).toBe(false);
    expect(parseEvent(event).kind).toBe('unknown');
    expect(event).toMatchObject({
      type: 'client.archived',
      dataVersion: 2,
      entity: { type: 'client', id: client.id },
    });
    expect((await rest(event.data.links.self)).status).toBe(200);
    const refused = await cli(['trigger', 'client.created', '--data-version', 'two'], env);
    expect(refused.code).toBe(2);
  });

  it('deliveries lists every attempt the gateway made, with its status and the start of the answer', async () => {
    const receiver = await verifyingReceiver((index) =>
      index === 0 ? { status: 503, body: 'warming up' } : 200,
    );
    const subscription = sandbox.subscribe({ url: receiver.url, secret: secret.whk });
    cleanups.push(async () => sandbox.unsubscribe(subscription.id));
    const { event } = sandbox.createClient();
    await sandbox.waitForDeliveries();
    const result = await cli(['deliveries'], env);
    expect(result.code).toBe(0);
    const mine = (JSON.parse(result.stdout) as { webhookId: string }[]).filter(
      (a) => a.webhookId === event.id,
    );
    expect(mine).toMatchObject([
      { attempt: 1, status: 503, ok: false, responseBody: 'warming up', subscriptionId: subscription.id },
      { attempt: 2, status: 200, ok: true, responseBody: 'ok', final: true },
    ]);
  });

  it('resend sends an event again with the same webhook-id and body, freshly signed, and prints each attempt', async () => {
    const receiver = await verifyingReceiver((index) =>
      index === 1 ? { status: 500, body: 'still broken' } : 200,
    );
    const subscription = sandbox.subscribe({ url: receiver.url, secret: secret.whk });
    cleanups.push(async () => sandbox.unsubscribe(subscription.id));
    const { event } = sandbox.onboardWorker({ clientId: sandbox.dataset.clients[0]!.id });
    await sandbox.waitForDeliveries();

    const result = await cli(['resend', event.id], env);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^dlv_\\d+ to ${subscription.id}:\nattempt 1: HTTP 500 .*\n {2}response: still broken\nattempt 2: HTTP 200 .*\n`,
        'm',
      ),
    );
    expect(result.stdout).toContain(`resent worker.onboarded ${event.id} to 1 subscription(s)`);
    const [original, ...again] = receiver.verified;
    expect(again).toHaveLength(2);
    for (const { request } of again) {
      expect(request.headers['webhook-id']).toBe(event.id);
      expect(request.body).toBe(original!.request.body);
      expect(Number(request.headers['webhook-timestamp'])).toBeGreaterThanOrEqual(
        Number(original!.request.headers['webhook-timestamp']),
      );
    }

    const unknown = await cli(['resend', 'lglsoevt_uNeverPublished'], env);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stderr)).toMatchObject({ statusCode: 404 });
  });

  it('explains how to reach the sandbox when no URL or key is given, and which argument is missing', async () => {
    const noSandbox = await cli(['deliveries'], { LISTO_SANDBOX_URL: '', LISTO_API_KEY: '' });
    expect(noSandbox.code).toBe(2);
    expect(noSandbox.stderr).toContain('deliveries needs --sandbox <url> and --api-key <key>');
    const noId = await cli(['resend'], env);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('resend needs <webhook-id>');
    const noFlag = await cli(['create-user'], env);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toContain('create-user needs --client');
  });
});

describe('listo-sandbox serve', () => {
  it('serves the REST API, takes mutations from the CLI, delivers their events and stops on SIGTERM', async () => {
    const receiver = await verifyingReceiver();
    const server: ChildProcessWithoutNullStreams = spawn(process.execPath, [
      binary.path,
      'serve',
      ...['--port', '0', '--api-key', 'cli-key', '--seed', '4', '--backoff-scale', '0.001'],
    ]);
    const exited = once(server, 'exit');
    cleanups.push(async () => {
      if (server.exitCode === null) server.kill('SIGTERM');
      await exited;
    });
    const [firstLine] = (await once(server.stdout, 'data')) as [Buffer];
    const { url, apiKey, installations } = JSON.parse(firstLine.toString().split('\n')[0]!) as {
      url: string;
      apiKey: string;
      installations: string[];
    };
    expect(apiKey).toBe('cli-key');
    const clients = await fetch(`${url}/v1/instance-integrations/${installations[0]}/clients`, {
      headers: { 'x-api-key': apiKey },
    });
    expect(clients.status).toBe(200);

    const env = { LISTO_SANDBOX_URL: url, LISTO_API_KEY: apiKey };
    expect((await cli(['subscribe', '--url', receiver.url, '--secret', secret.whk], env)).code).toBe(0);
    const created = await cli(['create-client', '--name', 'Tidal - Acme - EOR'], env);
    expect(created.code).toBe(0);
    const clientId = JSON.parse(created.stdout).entity.id as string;
    const onboarded = await cli(['onboard-worker', '--client', clientId, '--first-name', 'Ines'], env);
    expect(onboarded.code).toBe(0);
    const workerId = JSON.parse(onboarded.stdout).entity.id as string;
    expect((await cli(['update-worker', workerId, '--phone', '+12025550123'], env)).code).toBe(0);
    const notFound = await cli(['update-worker', 'lglsowpr_missing'], env);
    expect(notFound.code).toBe(1);
    expect(JSON.parse(notFound.stderr)).toMatchObject({ statusCode: 404 });

    const deliveries = JSON.parse((await cli(['deliveries'], env)).stdout) as {
      eventType: string;
      ok: boolean;
    }[];
    expect(deliveries.map((d) => `${d.eventType} ${d.ok}`).sort()).toEqual([
      'client.created true',
      'worker.onboarded true',
      'worker.updated true',
    ]);
    expect(receiver.verified).toHaveLength(3);

    server.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  });
});
