import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { makeEvent } from '@listo/events/fixtures';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delivery, SECRET } from './support/deliveries';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
let dir: string;

/** The deliveries every runtime receives, signed by standardwebhooks, and what it must answer. */
function cases() {
  const known = makeEvent('client.created', 1, { data: { name: 'Zürich AG' } });
  const failing = makeEvent('worker.onboarded', 1);
  const future = { ...makeEvent('user.created', 1), type: 'user.archived' };
  const invalid = { ...makeEvent('client.created', 1), occurredAt: 'yesterday' };
  const forged = delivery(makeEvent('client.created', 1));
  forged.body = forged.body.replace('{', '{ ');
  const deliveries = [
    { name: 'known', ...delivery(known) },
    { name: 'duplicate', ...delivery(known) },
    { name: 'unknown', ...delivery(future) },
    { name: 'invalid', ...delivery(invalid) },
    { name: 'forged', ...forged },
    { name: 'mismatch', ...delivery(known, { id: 'lglsoevt_another' }) },
    { name: 'throws', ...delivery(failing) },
  ];
  const expected = {
    answers: {
      known: [200, { status: 'handled', webhookId: known.id }],
      duplicate: [200, { status: 'duplicate', webhookId: known.id }],
      unknown: [200, { status: 'unknown', webhookId: future.id }],
      invalid: [202, { status: 'invalid', webhookId: invalid.id }],
      forged: [401, { error: 'no_matching_signature', message: expect.any(String) }],
      mismatch: [400, { error: 'id_mismatch', message: expect.any(String) }],
      throws: [500, { error: 'handler_failed', message: expect.any(String) }],
    },
    seen: ['client.created Zürich AG attempt 1', 'otherwise user.archived', 'invalid occurredAt'],
  };
  return { deliveries, expected };
}

/** The handler and its dependencies (zod, @listo/events, @listo/webhooks' Web build) as a bundler makes them. */
async function bundle(format: 'esm' | 'iife'): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'test/runtime/smoke.ts')],
    bundle: true,
    format,
    ...(format === 'iife' ? { globalName: 'listoSmoke' } : {}),
    platform: 'browser',
    conditions: ['@listo/source'],
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles![0]!.text;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'listo-webhook-handler-runtimes-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('createWebhookHandler on Web runtimes', () => {
  it('works in the Edge runtime (@edge-runtime/vm), with a process shim whose Node members throw', async () => {
    const { deliveries, expected } = cases();
    const edge = new EdgeVM({
      // Next.js's shim: Node's members of `process` throw when called.
      initialCode: `globalThis.process = { env: {}, get getBuiltinModule() { return () => { throw new Error('A Node.js API is used (process.getBuiltinModule) which is not supported in the Edge Runtime.'); }; } };`,
    });
    edge.evaluate(await bundle('iife'));
    const result = await edge.evaluate<Promise<string>>(
      `listoSmoke.smoke(${JSON.stringify(SECRET)}, ${JSON.stringify(deliveries)}).then(JSON.stringify)`,
    );
    expect(JSON.parse(result)).toEqual(expected);
  });

  it('works in Deno', async () => {
    const { deliveries, expected } = cases();
    writeFileSync(join(dir, 'smoke.mjs'), await bundle('esm'));
    writeFileSync(
      join(dir, 'run.mjs'),
      `import { smoke } from './smoke.mjs';
       console.log(JSON.stringify(await smoke(${JSON.stringify(SECRET)}, ${JSON.stringify(deliveries)})));`,
    );
    const deno = join(root, 'node_modules', '.bin', 'deno');
    const { stdout } = await run(deno, ['run', '--no-config', '--no-lock', '--no-prompt', 'run.mjs'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(JSON.parse(stdout.trim().split('\n').at(-1)!)).toEqual(expected);
  });
});
