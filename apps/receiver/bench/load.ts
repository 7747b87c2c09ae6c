/**
 * Load benchmark (`pnpm --filter @listo/receiver bench`): signed deliveries with 20 % duplicates, on loopback,
 * against the receiver on the embedded store, the receiver on PostgreSQL (when LISTO_TEST_DATABASE_URL or
 * BENCH_DATABASE_URL is set) and a bare verify-and-200 server, in one run. Bounded in count and time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEvent } from '@listo/events/fixtures';
import { Webhook } from '@listo/webhooks';
import { createTestDatabase } from '../test/support/databases';

const TOTAL = Number(process.env.BENCH_DELIVERIES ?? 4000);
const WARMUP = 300;
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const DUPLICATE_SHARE = 0.2;
const SECRET = `whsec_${Buffer.from('listo-receiver-bench-secret-0001').toString('base64')}`;
const appDir = join(import.meta.dirname, '..');
const databaseUrl = process.env.BENCH_DATABASE_URL || process.env.LISTO_TEST_DATABASE_URL || undefined;

interface Target {
  name: string;
  args: string[];
  env: Record<string, string>;
  cleanup?: () => Promise<void>;
  drain?: (url: string, unique: number) => Promise<number>;
}

async function spawnTarget(t: Target): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, t.args, {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      LISTO_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'info',
      ...t.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${t.name} did not start`)), 60_000);
    let found = false;
    // Keep reading the logs after start (a full pipe would stall the child), but stop keeping them.
    child.stdout?.on('data', (b: Buffer) => {
      if (found) return;
      out += b.toString();
      const line = out.split('\n').find((l) => l.includes('receiver listening'));
      if (line) {
        found = true;
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
      }
    });
    child.once('exit', (code) => reject(new Error(`${t.name} exited with ${code}`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { url, child };
}

/** Pre-built requests: each unique event once, plus re-sends of earlier ones (re-signed, as Listo retries). */
function buildRequests(count: number): { id: string; body: string }[] {
  const unique: { id: string; body: string }[] = [];
  const all: { id: string; body: string }[] = [];
  for (let i = 0; i < count; i++) {
    const prior = unique[Math.floor(Math.random() * unique.length)];
    if (prior && Math.random() < DUPLICATE_SHARE) all.push(prior);
    else {
      const type = (['client.created', 'user.created', 'worker.onboarded'] as const)[i % 3]!;
      const event = makeEvent(type, 1);
      const item = { id: event.id, body: JSON.stringify(event) };
      unique.push(item);
      all.push(item);
    }
  }
  return all;
}

async function run(url: string, requests: { id: string; body: string }[]) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const webhook = new Webhook(SECRET);
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let next = 0;
  const started = performance.now();
  const deadline = Date.now() + 120_000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < requests.length && Date.now() < deadline) {
        const r = requests[next++]!;
        const ts = Math.floor(Date.now() / 1000);
        const t0 = performance.now();
        const status = await new Promise<number>((resolve, reject) => {
          const req = request(
            {
              agent,
              hostname,
              port,
              path: '/webhooks/listo',
              method: 'POST',
              headers: {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(r.body),
                'webhook-id': r.id,
                'webhook-timestamp': ts,
                'webhook-signature': webhook.sign(r.id, ts, r.body),
              },
            },
            (res) => {
              res.resume();
              res.on('end', () => resolve(res.statusCode ?? 0));
            },
          );
          req.on('error', reject);
          req.end(r.body);
        });
        latencies.push(performance.now() - t0);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
  return {
    count: latencies.length,
    perSecond: latencies.length / seconds,
    p50: pct(50),
    p99: pct(99),
    statuses,
  };
}

async function waitProcessed(url: string, unique: number): Promise<number> {
  const started = performance.now();
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const text = await (await fetch(`${url}/metrics`)).text();
    const done = [
      ...text.matchAll(/listo_receiver_deliveries_by_status\{status="(processed|ignored)"\} (\d+)/g),
    ].reduce((n, m) => n + Number(m[2]), 0);
    if (done >= unique) return (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 100));
  }
  return Number.NaN;
}

async function main() {
  const receiverArgs = [
    ...(process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : []),
    '--conditions=@listo/source',
    '--import',
    'tsx',
    'src/main.ts',
  ];
  const dataDir = mkdtempSync(join(tmpdir(), 'listo-bench-'));
  const targets: Target[] = [
    {
      name: 'bare verify-and-200 (node:http)',
      args: ['--conditions=@listo/source', '--import', 'tsx', 'bench/bare-server.ts'],
      env: {},
    },
    {
      name: 'receiver, embedded store (PGlite)',
      args: receiverArgs,
      env: { RECEIVER_DATA_DIR: dataDir },
      cleanup: async () => rmSync(dataDir, { recursive: true, force: true }),
      drain: waitProcessed,
    },
  ];
  if (databaseUrl) {
    process.env.LISTO_TEST_DATABASE_URL = databaseUrl;
    const db = await createTestDatabase();
    targets.push({
      name: 'receiver, PostgreSQL',
      args: receiverArgs,
      env: { DATABASE_URL: db.url },
      cleanup: () => db.drop(),
      drain: waitProcessed,
    });
  } else {
    console.warn('LISTO_TEST_DATABASE_URL / BENCH_DATABASE_URL not set: skipping the PostgreSQL target.');
  }

  // BENCH_BASELINE=<dir holding another src/main.ts> (say `git archive <commit> apps/receiver/src`, extracted):
  // the same receiver targets again on that code, in the same run, for a before/after under the same load.
  const baseline = process.env.BENCH_BASELINE;
  if (baseline) {
    const entry = join(baseline, 'src/main.ts');
    for (const t of [...targets].filter((t) => t.args === receiverArgs)) {
      const dir = mkdtempSync(join(tmpdir(), 'listo-bench-base-'));
      const db = t.env.DATABASE_URL ? await createTestDatabase() : undefined;
      targets.push({
        name: `${t.name}, baseline`,
        args: [...receiverArgs.slice(0, -1), entry],
        env: db ? { DATABASE_URL: db.url } : { RECEIVER_DATA_DIR: dir },
        cleanup: async () => {
          rmSync(dir, { recursive: true, force: true });
          await db?.drop();
        },
        drain: waitProcessed,
      });
    }
  }

  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown';
  console.log(`node ${process.version}, ${cpus().length} cores, ${cpu}`);
  console.log(
    `${TOTAL} deliveries (${DUPLICATE_SHARE * 100} % duplicates) per target, concurrency ${CONCURRENCY}, loopback\n`,
  );
  const rows: string[] = [];
  try {
    await runAll(targets, rows);
  } finally {
    // Whatever happened, drop what was created (the PostgreSQL database, the data directory).
    for (const target of targets) await target.cleanup?.().catch(() => {});
  }
  console.log('\n| target | deliveries/s | p50 ms | p99 ms | answers | backlog drained after load |');
  console.log('| --- | ---: | ---: | ---: | --- | ---: |');
  for (const row of rows) console.log(row);
}

async function runAll(targets: Target[], rows: string[]): Promise<void> {
  for (const target of targets) {
    const { url, child } = await spawnTarget(target);
    try {
      const warmup = buildRequests(WARMUP);
      await run(url, warmup);
      const requests = buildRequests(TOTAL);
      const unique = new Set([...warmup, ...requests].map((r) => r.id)).size;
      const result = await run(url, requests);
      const drained = target.drain ? await target.drain(url, unique) : undefined;
      const statuses = [...result.statuses].map(([s, n]) => `${s}×${n}`).join(' ');
      rows.push(
        `| ${target.name} | ${result.perSecond.toFixed(0)} | ${result.p50.toFixed(2)} | ${result.p99.toFixed(2)} | ${statuses} | ${drained === undefined ? '—' : `${drained.toFixed(1)} s`} |`,
      );
      console.log(rows.at(-1));
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
