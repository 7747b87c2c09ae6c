/**
 * The partner examples of `examples/`, installed as a partner installs them (from packed tarballs, in a scratch
 * folder outside the workspace), type-checked with their own settings, started with the command their README
 * gives, and fed signed deliveries by the sandbox's gateway. Every change runs all of them, the Next.js route
 * handlers served directly; `LISTO_EXAMPLES_FULL=1` (the release run) also runs `next build` and `next start`.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Sandbox, startSandbox } from '@listo/sandbox';
import { generateSecret } from '@listo/webhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parse } from 'yaml';
import { nodeBinary } from '../../scripts/node-binary';
import { repoRoot } from '../../scripts/package-check/workspace';
import { freePort } from '../support/free-port';
import { exampleNames, type InstalledExamples, installExamples } from './support/install-examples';
import { startReceiver } from './support/receiver-process';
import { run, runners, SERVER_EXAMPLES, shellEnv } from './support/runners';
import { type Answers, sendDeliveries } from './support/sandbox-deliveries';
import { type FetchRoute, serveFetch } from './support/serve-fetch';

const FULL = process.env.LISTO_EXAMPLES_FULL === '1';
if (!FULL) {
  console.warn(
    'examples: next build / next start of examples/nextjs skipped (release-only); set LISTO_EXAMPLES_FULL=1 to run them',
  );
}

let installed: InstalledExamples;
let sandbox: Sandbox;
const secret = generateSecret();
const started = performance.now();
const timings: string[] = [];
const lap = (step: string) => timings.push(`${step}: ${((performance.now() - started) / 1000).toFixed(1)} s`);

let node22: string | undefined;
const context = {
  get installed() {
    return installed;
  },
  node22: () => (node22 ??= nodeBinary('22')),
};

beforeAll(async () => {
  installed = installExamples();
  lap('pack and install');
  sandbox = await startSandbox({ oidc: false, deliveryBackoffMs: 0.01 });
});

afterAll(async () => {
  await sandbox?.stop();
  if (installed) rmSync(installed.dir, { recursive: true, force: true });
  console.log(`examples timings (since the file started):\n  ${timings.join('\n  ')}`);
});

/** What every example answers to the sandbox's deliveries: `sendDeliveries`' four cases. */
function expectAnswers(answers: Answers, output: string): void {
  const handled = (status: string) => ({ status, webhookId: expect.stringMatching(/^lglsoevt_/) });
  expect(answers).toEqual({
    workerId: expect.any(String),
    valid: { status: 200, attempts: 1, body: handled('handled') },
    retry: { status: 200, attempts: 1, body: handled('duplicate') },
    unknownType: { status: 200, attempts: 1, body: handled('unknown') },
    badSignature: {
      status: 401,
      attempts: 1,
      body: { error: 'no_matching_signature', message: expect.any(String) },
    },
  });
  // The handler ran once for the event and not again for its redelivery; the unknown type went to `otherwise`.
  expect(output.split(`worker.onboarded ${answers.workerId} (attempt 1)`)).toHaveLength(2);
  expect(output).toContain('not handled here: client.archived v1');
}

describe('every example', () => {
  it('is in the examples test, and none is a workspace package', () => {
    const served = [...SERVER_EXAMPLES, 'nextjs'].sort();
    expect(exampleNames()).toEqual(served);
    // Not workspace packages: pnpm would link them to the workspace's @listo/* instead of the published ones.
    const workspace = parse(readFileSync(join(repoRoot, 'pnpm-workspace.yaml'), 'utf8')) as {
      packages: string[];
    };
    expect(workspace.packages.filter((glob) => glob.startsWith('examples'))).toEqual([]);
  });
});

describe.each(SERVER_EXAMPLES)('examples/%s', (name) => {
  it('type-checks, starts on loopback, and answers signed deliveries from the sandbox', async () => {
    const runner = runners(context)[name];
    const cwd = installed.path(name);
    run(cwd, shellEnv(installed), runner.check);
    lap(`${name}: checked`);
    if (name === 'express-cjs') {
      // CommonJS for real: tsc emitted require() calls, which load the packages' CommonJS builds.
      expect(readFileSync(join(cwd, 'dist', 'server.js'), 'utf8')).toContain(
        'require("@listo/webhook-handler")',
      );
    }
    const port = await freePort();
    const options = runner.start(port, secret);
    const receiver = await startReceiver(options);
    try {
      lap(`${name}: started`);
      const answers = await sendDeliveries(sandbox, options.url, secret);
      expectAnswers(answers, receiver.output());
    } finally {
      await receiver.stop();
      lap(`${name}: done`);
    }
  });
});

describe('examples/nextjs', () => {
  const routes = ['/api/webhooks/listo', '/api/webhooks/listo-edge'];

  it('type-checks, and its route handlers answer signed deliveries from the sandbox', async () => {
    const cwd = installed.path('nextjs');
    run(cwd, shellEnv(installed), ['npm', 'run', '--silent', 'typecheck']);
    lap('nextjs: checked');
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args) => lines.push(args.join(' ')));
    vi.stubEnv('LISTO_WEBHOOK_SECRET', secret);
    try {
      const handlers: Record<string, FetchRoute> = {};
      for (const route of routes) {
        const module = (await import(pathToFileURL(join(cwd, 'app', route, 'route.ts')).href)) as {
          POST: FetchRoute;
        };
        handlers[route] = module.POST;
      }
      const server = await serveFetch(handlers);
      try {
        for (const route of routes) {
          lines.length = 0;
          expectAnswers(await sendDeliveries(sandbox, `${server.origin}${route}`, secret), lines.join('\n'));
        }
      } finally {
        await server.close();
      }
    } finally {
      log.mockRestore();
      vi.unstubAllEnvs();
      lap('nextjs: route handlers done');
    }
  });

  it.runIf(FULL)(
    'builds with next build and answers from next start, on the Node.js and the Edge runtime',
    async () => {
      const cwd = installed.path('nextjs');
      const env = shellEnv(installed, { NEXT_TELEMETRY_DISABLED: '1' });
      run(cwd, env, ['npm', 'run', '--silent', 'build']);
      lap('nextjs: next build');
      const port = await freePort();
      const receiver = await startReceiver({
        command: 'npm',
        args: ['start', '--silent', '--', '--port', String(port), '--hostname', '127.0.0.1'],
        cwd,
        env: { ...env, LISTO_WEBHOOK_SECRET: secret },
        url: `http://127.0.0.1:${port}${routes[0]}`,
      });
      try {
        for (const route of routes) {
          const before = receiver.output().length;
          const answers = await sendDeliveries(sandbox, `http://127.0.0.1:${port}${route}`, secret);
          expectAnswers(answers, receiver.output().slice(before));
        }
      } finally {
        await receiver.stop();
        lap('nextjs: next start done');
      }
    },
  );
});
