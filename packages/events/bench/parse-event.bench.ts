// Benchmark: parseEvent on each sample, against a plain z.union of the same event schemas, the matching
// schema's own parse, and JSON.parse of the same body, all in one run. Then the same under zod's eval-free
// path (`jitless`, what runtimes that forbid `new Function` get), in a child process because zod reads that
// setting when schemas are built.
//   pnpm bench             both modes, markdown tables on stdout
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const jitless = process.env.LISTO_BENCH_JITLESS === '1';
if (jitless) z.config({ jitless: true });

// Imported after z.config: schemas built under jitless never compile a fast path.
const { parseEvent } = await import('../src/index');
const { DEFINITIONS, EVENT_DEFINITIONS } = await import('../src/event-registry');
const { SAMPLE_EVENTS } = await import('../src/fixtures/index');

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
function measure<K extends string>(competitors: Record<K, () => unknown>): Record<K, number> {
  const batch = 10_000;
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

const us = (ns: number) => (ns / 1000).toFixed(2);
const rows: string[] = [];
const baselines: number[] = [];
for (const sample of SAMPLE_EVENTS) {
  const body = JSON.stringify(sample);
  const input = JSON.parse(body) as unknown;
  const own = EVENT_DEFINITIONS.find((d) => d.type === sample.type && d.dataVersion === sample.dataVersion)!;
  if (parseEvent(input).kind !== 'known' || !union.safeParse(input).success)
    throw new Error(`${sample.type} fails`);
  const {
    json: jsonParse,
    parse,
    own: ownParse,
    union: unionParse,
    dispatch: dispatchGross,
    baseline,
  } = measure({
    baseline: () => input,
    dispatch: () => dispatchOf(input),
    json: () => JSON.parse(body),
    parse: () => parseEvent(input),
    own: () => own.eventSchema.safeParse(input),
    union: () => union.safeParse(input),
  });
  // The harness itself (closure call, loop) costs a little; the dispatch alone is so cheap that it matters.
  const dispatch = Math.max(0, dispatchGross - baseline);
  baselines.push(baseline);
  rows.push(
    `| ${sample.type} v${sample.dataVersion} | ${body.length} | ${us(jsonParse)} | ${us(parse)} | ${us(ownParse)} | ${us(unionParse)} | ${(parse / jsonParse).toFixed(2)} | ${dispatch.toFixed(0)} ns = ${((dispatch / ownParse) * 100).toFixed(1)}% |`,
  );
}
// Unknown and invalid events cost too: a receiver sees both.
const unknownInput = { ...(JSON.parse(JSON.stringify(SAMPLE_EVENTS[0])) as object), type: 'client.archived' };
const invalidInput = { ...(JSON.parse(JSON.stringify(SAMPLE_EVENTS[0])) as object), occurredAt: 'yesterday' };
const others = measure({
  unknown: () => parseEvent(unknownInput),
  invalid: () => parseEvent(invalidInput),
});
const extra = [
  `| unknown type (client.created body) | ${us(others.unknown)} |`,
  `| invalid envelope (bad occurredAt) | ${us(others.invalid)} |`,
];

const mode = jitless ? 'zod jitless (eval-free path)' : 'zod JIT (default)';
console.log(`### ${mode}\n`);
console.log(
  '| event | body bytes | JSON.parse µs | parseEvent µs | own schema µs | z.union µs | parseEvent / JSON.parse | dispatch alone (net of harness), share of own schema |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
console.log(
  `\nHarness baseline (a closure returning its input): ${Math.min(...baselines).toFixed(0)}–${Math.max(...baselines).toFixed(0)} ns per call.`,
);
console.log('\n| other input | parseEvent µs |\n|---|---:|');
for (const row of extra) console.log(row);
console.log('');
void sink;

if (!jitless) {
  console.log(`Node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}\n`);
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, LISTO_BENCH_JITLESS: '1' },
    stdio: 'inherit',
  });
}
