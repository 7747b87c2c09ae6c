import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from './repo-copy';

const run = promisify(execFile);

export interface Pair {
  type: string;
  dataVersion: number;
}

export interface PartnerService {
  dir: string;
  url: string;
  /** Every delivery its handlers received, in order, as its log file holds them. */
  log: () => LoggedDelivery[];
  stop: () => Promise<void>;
}

/** What a handler of the service kept: one line per delivery it handled (duplicates never reach one). */
export interface LoggedDelivery {
  webhookId: string;
  kind: 'known' | 'unknown';
  pair: string;
  detail: string | null;
  body: unknown;
}

/**
 * The service's receiver as a partner writes it with `@listo/webhook-handler`: exhaustive handlers over the
 * pairs its pinned `@listo/events` knows (one per (type, dataVersion), plus `unknown`), each keeping what it
 * received. `typed` adds handlers that read a field only that pair's data has, so the build proves that the
 * pinned version's types reach the code.
 */
function handlersSource(pairs: Pair[], typed: Record<string, string> = {}): string {
  const byType = new Map<string, number[]>();
  for (const { type, dataVersion } of pairs) byType.set(type, [...(byType.get(type) ?? []), dataVersion]);
  const lines = [...byType].map(([type, versions]) => {
    const handlers = versions.map((v) => {
      const field = typed[`${type} v${v}`];
      return field ? `${v}: (e, d) => keep(entry('known', e, d, e.data.${field}))` : `${v}: known`;
    });
    return `      '${type}': { ${handlers.join(', ')} },`;
  });
  return `import { createWebhookHandler } from '@listo/webhook-handler';

export interface Entry {
  webhookId: string;
  kind: 'known' | 'unknown';
  pair: string;
  detail: string | null;
  body: unknown;
}

type Seen = { type: string; dataVersion: number };
const entry = (kind: Entry['kind'], e: Seen, d: { webhookId: string }, detail: string | null = null): Entry => ({
  webhookId: d.webhookId,
  kind,
  pair: \`\${e.type} v\${e.dataVersion}\`,
  detail,
  body: e,
});

export function createReceiver(secret: string, keep: (entry: Entry) => void) {
  const known = (e: Seen, d: { webhookId: string }) => keep(entry('known', e, d));
  return createWebhookHandler({
    secret,
    handlers: {
${lines.join('\n')}
      unknown: (e, d) => keep(entry('unknown', e, d)),
    },
  });
}
`;
}

// The server around it: Node http through the package's adapter; every handled delivery appended to a file.
const SERVER = `import { appendFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createNodeMiddleware } from '@listo/webhook-handler/node';
import { createReceiver } from './dist/handlers.js';

const log = process.env.DELIVERY_LOG;
const receiver = createReceiver(process.env.LISTO_WEBHOOK_SECRET, (entry) => appendFileSync(log, JSON.stringify(entry) + '\\n'));
const server = createServer(createNodeMiddleware(receiver));
server.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ port: server.address().port })));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

/**
 * Compiles other handler source against the service's installed packages, without emitting: for showing
 * what a build of that source would say. Returns the compiler's output ('' when it compiles). The packages'
 * declarations were checked by the service's own build, so this one skips them.
 */
export async function compileAgainst(dir: string, source: string): Promise<string> {
  writeFileSync(join(dir, 'handlers-other.ts'), source);
  writeFileSync(
    join(dir, 'tsconfig.other.json'),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: true, skipLibCheck: true },
      files: ['handlers-other.ts'],
    }),
  );
  try {
    await build(dir, 'tsconfig.other.json');
    return '';
  } catch (error) {
    return String(error);
  }
}

/**
 * Writes a partner service pinned to `eventsVersion`, installs it from `registry` (npm, as a partner would,
 * with `cache` as its store: services sharing one download what they share once) and builds it (tsc over its
 * exhaustive handlers, the packages' declarations included). Rejects with the compiler's output when the
 * build fails. Asynchronous, so that two services install and build side by side.
 */
export async function createPartnerService(options: {
  dir: string;
  registry: string;
  cache: string;
  dependencies: Record<string, string>;
  pairs: Pair[];
  typed?: Record<string, string>;
}): Promise<string> {
  const { dir, registry, cache, dependencies, pairs, typed } = options;
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'partner-service', private: true, type: 'module', dependencies }, null, 2),
  );
  writeFileSync(join(dir, '.npmrc'), `registry=${registry}\n`);
  writeFileSync(join(dir, 'handlers.ts'), handlersSource(pairs, typed));
  writeFileSync(join(dir, 'server.mjs'), SERVER);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        exactOptionalPropertyTypes: true,
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        outDir: 'dist',
        lib: ['ES2022', 'DOM'],
        types: [],
        skipLibCheck: false,
      },
      files: ['handlers.ts'],
    }),
  );
  await run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--prefer-offline', `--cache=${cache}`, '--loglevel=error'],
    // Under `pnpm run`, pnpm exports npm_config_registry (the public registry), which beats the project's .npmrc.
    { cwd: dir, env: { ...process.env, npm_config_registry: registry } },
  );
  return build(dir);
}

/** The service's build: `tsc` with the repository's TypeScript. Returns the installed @listo/events version. */
export async function build(dir: string, project = 'tsconfig.json'): Promise<string> {
  try {
    await run(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', project], {
      cwd: dir,
      encoding: 'utf8',
    });
  } catch (error) {
    throw new Error(`build failed in ${dir}:\n${(error as { stdout?: string }).stdout ?? error}`);
  }
  return (
    JSON.parse(readFileSync(join(dir, 'node_modules/@listo/events/package.json'), 'utf8')) as {
      version: string;
    }
  ).version;
}

export async function startPartnerService(dir: string, secret: string): Promise<PartnerService> {
  const logFile = join(dir, 'deliveries.jsonl');
  writeFileSync(logFile, '');
  const child: ChildProcess = spawn(process.execPath, ['server.mjs'], {
    cwd: dir,
    env: { ...process.env, LISTO_WEBHOOK_SECRET: secret, DELIVERY_LOG: logFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk) => resolve((JSON.parse(String(chunk)) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`partner service exited ${code}: ${stderr}`)));
  });
  return {
    dir,
    url: `http://127.0.0.1:${port}/webhooks/listo`,
    log: () =>
      readFileSync(logFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as LoggedDelivery),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
