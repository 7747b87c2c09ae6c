import { type ChildProcessWithoutNullStreams, execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Webhook } from '@listo/webhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSecret, type Reaction, startReceiver } from './receiver';

/** The CLI runs as a real child process, from source, exactly as `listo-sandbox` would. */
const CLI = [
  '--conditions=@listo/source',
  '--import',
  'tsx',
  fileURLToPath(new URL('../src/cli.ts', import.meta.url)),
];
const secret = makeSecret(9);

async function run(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...CLI, ...args], {
      env: { ...process.env, ...env },
      timeout: 30_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function receiverThat(react: (index: number) => Reaction) {
  const receiver = await startReceiver((_, index) => react(index));
  cleanups.push(receiver.close);
  return receiver;
}

describe('listo-sandbox send', () => {
  it('delivers one signed fixture event and exits 0 on a 2xx', async () => {
    const receiver = await receiverThat(() => 200);
    const result = await run([
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
    const [request] = receiver.requests;
    expect(request!.headers['user-agent']).toBe('ListoGlobal-Gateway/1.0');
    const event = new Webhook(secret.whk).verify(request!.body, request!.headers as Record<string, string>);
    expect(event).toMatchObject({
      type: 'worker.onboarded',
      dataVersion: 1,
      id: request!.headers['webhook-id'],
    });
  });

  it('retries with the gateway policy and exits 0 when a later attempt succeeds', async () => {
    const receiver = await receiverThat((index) => (index < 2 ? 500 : 202));
    const result = await run([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--type',
      'client.created',
      '--data-version',
      '1',
      '--backoff-scale',
      '0.005',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /attempt 1\/3: HTTP 500[\s\S]*attempt 2\/3: HTTP 500[\s\S]*attempt 3\/3: HTTP 202/,
    );
    expect(new Set(receiver.requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
  });

  it('exits non-zero with a report of each attempt after the last one fails', async () => {
    const receiver = await receiverThat(() => 'destroy');
    const result = await run([
      'send',
      '--url',
      receiver.url,
      '--secret',
      secret.whk,
      '--type',
      'user.created',
      '--backoff-scale',
      '0.005',
    ]);
    expect(result.code).toBe(1);
    expect(result.stdout.match(/^attempt \d\/3: /gm)).toHaveLength(3);
    expect(result.stdout).toMatch(/^failed to deliver user\.created v1 lglsoevt_\w+ after 3 attempt\(s\)$/m);
    expect(receiver.requests).toHaveLength(3);
  });

  it('refuses missing options and a malformed secret with exit code 2', async () => {
    const missing = await run(['send', '--url', 'http://127.0.0.1:9/']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('send needs --url, --secret and one of --type or --file');
    const badSecret = await run([
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
  }, 30_000);
});

describe('listo-sandbox serve and the admin commands', () => {
  it('serves the REST API, takes mutations from the CLI and delivers their events', async () => {
    const receiver = await receiverThat(() => 200);
    const server: ChildProcessWithoutNullStreams = spawn(process.execPath, [
      ...CLI,
      'serve',
      '--port',
      '0',
      '--api-key',
      'cli-key',
      '--seed',
      '4',
      '--backoff-scale',
      '0.001',
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

    const rest = await fetch(`${url}/v1/instance-integrations/${installations[0]}/clients`, {
      headers: { 'x-api-key': apiKey },
    });
    expect(rest.status).toBe(200);

    const env = { LISTO_SANDBOX_URL: url, LISTO_API_KEY: apiKey };
    const subscribed = await run(['subscribe', '--url', receiver.url, '--secret', secret.whk], env);
    expect(subscribed.code).toBe(0);
    const created = await run(['create-client', '--name', 'Tidal - Acme - EOR'], env);
    expect(created.code).toBe(0);
    const clientId = JSON.parse(created.stdout).entity.id as string;
    const onboarded = await run(['onboard-worker', '--client', clientId, '--first-name', 'Ines'], env);
    expect(onboarded.code).toBe(0);
    const workerId = JSON.parse(onboarded.stdout).entity.id as string;
    expect((await run(['update-worker', workerId, '--phone', '+12025550123'], env)).code).toBe(0);
    expect((await run(['trigger', 'user.created'], env)).code).toBe(0);
    const notFound = await run(['update-worker', 'lglsowpr_missing'], env);
    expect(notFound.code).toBe(1);
    expect(JSON.parse(notFound.stderr)).toMatchObject({ statusCode: 404 });

    const deliveries = JSON.parse((await run(['deliveries'], env)).stdout) as {
      eventType: string;
      ok: boolean;
    }[];
    expect(deliveries.map((d) => `${d.eventType} ${d.ok}`).sort()).toEqual([
      'client.created true',
      'user.created true',
      'worker.onboarded true',
      'worker.updated true',
    ]);
    expect(receiver.requests).toHaveLength(4);

    server.kill('SIGTERM');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
    // Each CLI call is a fresh Node process compiling TypeScript on the fly: about a second apiece here.
  }, 60_000);

  it('explains how to reach the sandbox when no URL or key is given', async () => {
    const result = await run(['deliveries'], { LISTO_SANDBOX_URL: '', LISTO_API_KEY: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('deliveries needs --sandbox <url> and --api-key <key>');
  });
});
