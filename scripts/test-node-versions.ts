/**
 * `pnpm test:node-versions [22 24 …]`: every published package's vitest suite on other Node versions than the
 * one running (the workspace's default, 20, runs them in `pnpm test`). Each version comes from npm's `node`
 * package (`npx -y node@22`), so nothing but npm is needed. Suites run one per core, one test file at a time
 * each; each suite's output is printed whole when it ends. The compiler's verdicts are left to the default Node
 * (see COMPILER_VERDICTS).
 */
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { nodeBinary } from './node-binary';
import { publishedPackages, repoRoot } from './package-check/workspace';

const versions = process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['22', '24'];
const vitest = join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs');

/**
 * The tests whose subject is the TypeScript compiler's verdict (README blocks type-checked as written, published
 * declarations compiled without skipLibCheck, the expected compile errors of the handlers) run once, on the default
 * Node in `pnpm test`: what tsc answers does not depend on the Node that runs it, and they are about a third of
 * each suite's time. Everything else (the examples those READMEs run included) runs on every version.
 */
const COMPILER_VERDICTS = ['--exclude=test/compile-errors.test.ts', '--testNamePattern=^(?!.*type-check)'];

interface Job {
  label: string;
  node: string;
  dir: string;
}

function run(job: Job): Promise<{ job: Job; ok: boolean; seconds: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(job.node, [vitest, 'run', '--maxWorkers=1', ...COMPILER_VERDICTS], {
      cwd: job.dir,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const prefix = `${job.label}: `;
      process.stdout.write(`${output.replace(/^/gm, prefix)}\n`);
      resolve({ job, ok: code === 0, seconds });
    });
  });
}

const jobs: Job[] = [];
for (const major of versions) {
  const node = nodeBinary(major);
  console.log(`node ${major}: ${node}`);
  for (const { dir, manifest } of publishedPackages())
    jobs.push({ label: `[node ${major}] ${manifest.name}`, node, dir });
}

const results: Awaited<ReturnType<typeof run>>[] = [];
const queue = [...jobs];
await Promise.all(
  Array.from({ length: Math.min(availableParallelism(), jobs.length) }, async () => {
    for (let job = queue.shift(); job; job = queue.shift()) results.push(await run(job));
  }),
);

for (const { job, ok, seconds } of results) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${job.label} (${seconds.toFixed(1)} s)`);
}
if (results.some((r) => !r.ok)) process.exitCode = 1;
