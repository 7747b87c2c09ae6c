import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { EdgeVM } from '@edge-runtime/vm';
import { build as esbuild } from 'esbuild';
import { Miniflare } from 'miniflare';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { options } from '../tsup.config';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);
let dir: string;

// What every runtime must report: the Web Crypto path agrees with the Standard Webhooks vector and rejects
// tampered and stale deliveries with the documented codes.
const EXPECTED = {
  vector: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
  verifyAsync: { id: 'lglsoevt_1', type: 'client.created', data: { name: 'Zürich' } },
  verifyRequest: { id: 'lglsoevt_1', type: 'client.created', data: { name: 'Zürich' } },
  tampered: 'no_matching_signature',
  stale: 'timestamp_too_old',
  badSecret: 'InvalidWebhookSecretError',
};

beforeAll(async () => {
  // The package's own tsup build (ESM), written to a scratch directory so it never races `dist/`.
  dir = mkdtempSync(join(tmpdir(), 'listo-webhooks-runtimes-'));
  await build({
    ...options,
    config: false,
    format: ['esm'],
    dts: false,
    sourcemap: false,
    silent: true,
    outDir: dir,
  });
  cpSync(join(root, 'test', 'runtime'), dir, { recursive: true });
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function runScript(command: string, args: string[]): Promise<unknown> {
  const { stdout } = await run(command, args, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('the built package on other runtimes', () => {
  const NO_NODE_CRYPTO = 'error: No node:crypto here: use signAsync()';

  it('works in Bun, with its node:crypto fast path and on Web Crypto alone', async () => {
    expect(await runScript(bin('bun'), ['run', 'run.mjs'])).toEqual({ ...EXPECTED, sync: EXPECTED.vector });
    expect(await runScript(bin('bun'), ['run', 'run-web.mjs'])).toEqual({
      ...EXPECTED,
      sync: NO_NODE_CRYPTO,
    });
  });

  it('works in Deno, with its node:crypto fast path and on Web Crypto alone', async () => {
    const deno = (script: string) =>
      runScript(bin('deno'), ['run', '--no-config', '--no-lock', '--no-prompt', script]);
    expect(await deno('run.mjs')).toEqual({ ...EXPECTED, sync: EXPECTED.vector });
    expect(await deno('run-web.mjs')).toEqual({ ...EXPECTED, sync: NO_NODE_CRYPTO });
  });

  describe('in the Edge runtime (@edge-runtime/vm, what Vercel and Next.js middleware and routes run on)', () => {
    /** Next.js's `process` shim: `env`, plus Node's members as getters that throw (read, or called). */
    const NEXT_PROCESS_SHIM = `({
      env: {},
      get getBuiltinModule() {
        return () => { throw new Error('A Node.js API is used (process.getBuiltinModule) which is not supported in the Edge Runtime.'); };
      },
    })`;
    const THROWING_GETTER = `({
      env: {},
      get getBuiltinModule() { throw new Error('A Node.js API is used (process.getBuiltinModule) which is not supported in the Edge Runtime.'); },
    })`;

    it.each([
      ['with no process at all', ''],
      ["with Next.js's process shim, whose Node functions throw when called", NEXT_PROCESS_SHIM],
      ['with a process whose Node members throw when read', THROWING_GETTER],
    ])('works %s', async (_, shim) => {
      // The Web build as one script, as Next.js bundles a route for the Edge runtime.
      const bundle = await esbuild({
        entryPoints: [join(dir, 'smoke.mjs')],
        bundle: true,
        format: 'iife',
        globalName: 'listoSmoke',
        platform: 'browser',
        write: false,
      });
      const edge = new EdgeVM(shim ? { initialCode: `globalThis.process = ${shim};` } : {});
      edge.evaluate(bundle.outputFiles[0]!.text);
      const result = await edge.evaluate<Promise<string>>('listoSmoke.smoke().then(JSON.stringify)');
      expect(JSON.parse(result)).toEqual({ ...EXPECTED, sync: NO_NODE_CRYPTO });
    });
  });

  it('works in workerd (Miniflare) without Node compatibility, where sync signing says what to use', async () => {
    const bundle = await esbuild({
      entryPoints: [join(dir, 'worker.mjs')],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
    });
    const mf = new Miniflare({
      modules: true,
      script: bundle.outputFiles[0]!.text,
      compatibilityDate: '2024-09-23',
    });
    try {
      const response = await mf.dispatchFetch('http://localhost/');
      expect(await response.json()).toEqual({ ...EXPECTED, sync: NO_NODE_CRYPTO });
    } finally {
      await mf.dispose();
    }
  });
});
