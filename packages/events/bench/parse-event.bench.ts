// Benchmark: parseEvent on each sample, against a plain z.union of the same event schemas, the matching schema's
// own parse, and JSON.parse of the same body, all in one run; both entries (the Node entry compiles its schemas
// with z.compile, the default entry is what Workers and browsers get). Then invalid and hostile bodies against their
// own JSON.parse. Then the same under zod's eval-free path (`jitless`, what runtimes that forbid `new Function` get),
// in a child process because zod reads that setting when schemas are built.
//   pnpm bench             both modes, markdown tables on stdout
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';

const jitless = process.env.LISTO_BENCH_JITLESS === '1';
if (jitless) z.config({ jitless: true });

// Imported after z.config: schemas built under jitless never compile a fast path.
const defaultEntry = await import('../src/index');
const nodeEntry = await import('../src/node-entry');
const { DEFINITIONS, EVENT_DEFINITIONS } = await import('../src/event-registry');
const { SAMPLE_EVENTS, workerOnboardedV1Sample } = await import('../src/fixtures/index');

const union = z.union(EVENT_DEFINITIONS.map((d) => d.eventSchema) as unknown as [z.ZodType, z.ZodType]);

let sink: unknown;

/** What parseEvent's dispatch does before any schema runs: read three fields, two Map lookups. */
function dispatchOf(input: unknown): unknown {
  const { specVersion, type, dataVersion } = input as Record<string, unknown>;
  return specVersion === 1 && typeof type === 'string' && typeof dataVersion === 'number'
    ? DEFINITIONS.get(type, dataVersion)
    : undefined;
}

/**
 * Median nanoseconds per call of each competitor. Competitors take turns batch by batch, so a burst of
 * load on a shared machine hits them alike instead of skewing whichever ran during it.
 */
function measure<K extends string>(competitors: Record<K, () => unknown>, batch = 10_000): Record<K, number> {
  const names = Object.keys(competitors) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (const name of names) for (let i = 0; i < batch * 3; i++) sink = competitors[name]();
  for (let round = 0; round < 31; round++) {
    for (const name of names) {
      const fn = competitors[name];
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) sink = fn();
      samples[name].push(Number(process.hrtime.bigint() - start) / batch);
    }
  }
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return Object.fromEntries(names.map((name) => [name, median(samples[name])])) as Record<K, number>;
}

const us = (ns: number) => (ns < 100_000 ? (ns / 1000).toFixed(2) : (ns / 1000).toFixed(0));
const ratio = (a: number, b: number) => (a / b).toFixed(2);
const rows: string[] = [];
const baselines: number[] = [];
for (const sample of SAMPLE_EVENTS) {
  const body = JSON.stringify(sample);
  const input = JSON.parse(body) as unknown;
  const own = EVENT_DEFINITIONS.find((d) => d.type === sample.type && d.dataVersion === sample.dataVersion)!;
  for (const parse of [defaultEntry.parseEvent, nodeEntry.parseEvent])
    if (parse(input).kind !== 'known' || !union.safeParse(input).success)
      throw new Error(`${sample.type} fails`);
  const t = measure({
    baseline: () => input,
    dispatch: () => dispatchOf(input),
    json: () => JSON.parse(body),
    node: () => nodeEntry.parseEvent(input),
    parse: () => defaultEntry.parseEvent(input),
    own: () => own.eventSchema.safeParse(input),
    union: () => union.safeParse(input),
  });
  // The harness itself (closure call, loop) costs a little; the dispatch alone is so cheap that it matters.
  const dispatch = Math.max(0, t.dispatch - t.baseline);
  baselines.push(t.baseline);
  rows.push(
    `| ${sample.type} v${sample.dataVersion} | ${body.length} | ${us(t.json)} | ${us(t.node)} | ${us(t.parse)} | ${us(t.own)} | ${us(t.union)} | **${ratio(t.node, t.json)}** | ${ratio(t.parse, t.json)} | ${dispatch.toFixed(0)} ns = ${((dispatch / t.own) * 100).toFixed(1)}% |`,
  );
}

// Unknown, invalid and hostile events cost too: a receiver sees all of them. Each against its own JSON.parse.
const text = (value: unknown) => JSON.stringify(value);
const onboarded = JSON.parse(text(workerOnboardedV1Sample)) as typeof workerOnboardedV1Sample;
const manyContracts = (count: number, last?: object) => ({
  ...onboarded,
  data: {
    ...onboarded.data,
    contracts: [...Array.from({ length: count }, () => onboarded.data.contracts[0]), ...(last ? [last] : [])],
  },
});
const others: [string, string, number][] = [
  ['unknown type (client.created body)', text({ ...SAMPLE_EVENTS[0], type: 'client.archived' }), 10_000],
  ['invalid envelope (bad occurredAt)', text({ ...SAMPLE_EVENTS[0], occurredAt: 'yesterday' }), 10_000],
  [
    'invalid data: every documented field missing (worker.onboarded, `data: {}`)',
    text({ ...onboarded, data: {} }),
    5_000,
  ],
  [
    '1 MiB body of 348,858 empty contracts (the review’s)',
    text(manyContracts(0)).replace('"contracts":[]', `"contracts":[${'{},'.repeat(348_857)}{}]`),
    3,
  ],
  ['5,000 valid contracts (valid)', text(manyContracts(5_000)), 10],
  [
    '5,000 valid contracts, then one broken',
    text(manyContracts(5_000, { ...onboarded.data.contracts[0], id: 7 })),
    10,
  ],
];
const otherRows: string[] = [];
for (const [name, body, batch] of others) {
  const input = JSON.parse(body) as unknown;
  const t = measure(
    {
      json: () => JSON.parse(body),
      node: () => nodeEntry.parseEvent(input),
      parse: () => defaultEntry.parseEvent(input),
    },
    batch,
  );
  otherRows.push(
    `| ${name} | ${body.length} | ${us(t.json)} | ${us(t.node)} | ${us(t.parse)} | ${ratio(t.node, t.json)} | ${ratio(t.parse, t.json)} |`,
  );
}

const mode = jitless ? 'zod jitless (eval-free path: both entries interpret)' : 'zod JIT (default)';
console.log(`### ${mode}\n`);
console.log(
  '| event | body bytes | JSON.parse µs | parseEvent, Node entry µs | parseEvent, default entry µs | own schema µs | z.union µs | Node entry / JSON.parse | default entry / JSON.parse | dispatch alone (net of harness), share of own schema |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log(
  `\nHarness baseline (a closure returning its input): ${Math.min(...baselines).toFixed(0)}–${Math.max(...baselines).toFixed(0)} ns per call.\n`,
);
console.log(
  '| other input | body bytes | JSON.parse µs | Node entry µs | default entry µs | Node entry / JSON.parse | default entry / JSON.parse |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of otherRows) console.log(row);
console.log('');
void sink;

if (!jitless) {
  console.log(`Node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}\n`);
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, LISTO_BENCH_JITLESS: '1' },
    stdio: 'inherit',
  });
}
