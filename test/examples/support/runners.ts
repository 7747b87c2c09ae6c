import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import type { InstalledExamples } from './install-examples';
import type { StartOptions } from './receiver-process';

/** How the test type-checks and starts one example: the commands its README gives a partner. */
export interface Runner {
  /** The type check (for tsc-built examples, the build: tsc checks as it emits). */
  check: [command: string, ...args: string[]];
  /** The receiver on `port`, with `secret`; its webhook URL. */
  start: (port: number, secret: string) => StartOptions;
}

export interface RunnerContext {
  installed: InstalledExamples;
  /** A Node 22 binary, for wrangler (which needs Node 22 or later). */
  node22: () => string;
}

/** Runs a command in `cwd`, failing with its output. */
export function run(cwd: string, env: NodeJS.ProcessEnv, [command, ...args]: string[]): string {
  try {
    return execFileSync(command!, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${[command, ...args].join(' ')} failed in ${cwd}:\n${stdout ?? ''}\n${stderr ?? ''}`);
  }
}

/** The environment of a partner's shell: the scratch root's binaries (bun, deno) on the PATH, no colours. */
export function shellEnv(installed: InstalledExamples, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const path = [dirname(installed.bin('bun')), process.env.PATH ?? ''].join(delimiter);
  return { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...extra, PATH: path };
}

const receiverEnv = (port: number, secret: string) => ({
  PORT: String(port),
  HOST: '127.0.0.1',
  LISTO_WEBHOOK_SECRET: secret,
});

/** `npm run build`, then `npm start`: the Node examples. */
function nodeRunner(context: RunnerContext, name: string): Runner {
  const cwd = context.installed.path(name);
  return {
    check: ['npm', 'run', '--silent', 'build'],
    start: (port, secret) => ({
      command: 'npm',
      args: ['start', '--silent'],
      cwd,
      env: shellEnv(context.installed, receiverEnv(port, secret)),
      url: `http://127.0.0.1:${port}/webhooks/listo`,
    }),
  };
}

/** The examples that run as a server of their own (Next.js has a test of its own). */
export const SERVER_EXAMPLES = [
  'cloudflare-worker',
  'deno',
  'express-cjs',
  'express-esm',
  'fastify',
  'hono-bun',
] as const;

/** How each server example is checked and started, by folder name. */
export function runners(context: RunnerContext): Record<(typeof SERVER_EXAMPLES)[number], Runner> {
  const { installed } = context;
  return {
    'express-esm': nodeRunner(context, 'express-esm'),
    'express-cjs': nodeRunner(context, 'express-cjs'),
    fastify: nodeRunner(context, 'fastify'),
    'hono-bun': {
      check: ['npm', 'run', '--silent', 'typecheck'],
      start: (port, secret) => ({
        command: 'npm',
        args: ['start', '--silent'],
        cwd: installed.path('hono-bun'),
        env: shellEnv(installed, receiverEnv(port, secret)),
        url: `http://127.0.0.1:${port}/webhooks/listo`,
      }),
    },
    deno: {
      check: [installed.bin('deno'), 'task', '--quiet', 'check'],
      start: (port, secret) => ({
        command: installed.bin('deno'),
        args: ['task', '--quiet', 'start'],
        cwd: installed.path('deno'),
        env: shellEnv(installed, { ...receiverEnv(port, secret), DENO_NO_UPDATE_CHECK: '1' }),
        url: `http://127.0.0.1:${port}/webhooks/listo`,
      }),
    },
    'cloudflare-worker': {
      check: ['npm', 'run', '--silent', 'typecheck'],
      start: (port, secret) => {
        const cwd = installed.path('cloudflare-worker');
        // wrangler dev reads the Worker's secrets from .dev.vars, as the README says.
        writeFileSync(join(cwd, '.dev.vars'), `LISTO_WEBHOOK_SECRET=${secret}\n`);
        const env = shellEnv(installed, {
          // No metrics, and no fetch of Request.cf's placeholder from workers.cloudflare.com: offline.
          WRANGLER_SEND_METRICS: 'false',
          WRANGLER_SEND_ERROR_REPORTS: 'false',
          CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        });
        env.PATH = [dirname(context.node22()), env.PATH].join(delimiter);
        return {
          command: 'npm',
          args: ['run', '--silent', 'dev', '--', '--port', String(port), '--ip', '127.0.0.1'],
          cwd,
          env,
          url: `http://127.0.0.1:${port}/webhooks/listo`,
        };
      },
    },
  };
}
