/**
 * Client overhead per call: `createListoClient(...).clients.get()` and its raw openapi-fetch client against a
 * bare `fetch` + `response.json()`, all hitting the same loopback server in one run.
 *
 *   pnpm --filter @listo/api-client bench      (builds first under turbo; runs the built dist)
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { createListoClient, type paths } from '@listo/api-client';
import { clientCreatedV1Sample } from '@listo/events/fixtures';
import createClient from 'openapi-fetch';

const ROUNDS = 7;
const CALLS_PER_ROUND = 2_000;
const WARMUP = 500;

// The client.created sample's data from the guides: the shape GET …/clients/{clientId} returns.
const body = JSON.stringify(clientCreatedV1Sample.data);

const server = createServer((_, res) => {
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const apiKey = 'b'.repeat(64);
const path = '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs';

const api = createListoClient({ apiKey, baseUrl });
// openapi-fetch on its own (no timeout, retries or error mapping), to separate its cost from this package's.
const bare = createClient<paths>({ baseUrl, headers: { 'x-api-key': apiKey } });
const params = {
  path: { instanceIntegrationId: 'inst_abc123xyz', clientId: 'lglsocli_uZIIHfKqYBwyaRGGs' },
} as const;

const competitors: Record<string, () => Promise<unknown>> = {
  'raw fetch + json()': async () => {
    const response = await fetch(`${baseUrl}${path}`, { headers: { 'x-api-key': apiKey } });
    return response.json();
  },
  'client.clients.get()': () => api.clients.get('inst_abc123xyz', 'lglsocli_uZIIHfKqYBwyaRGGs'),
  'client.raw.GET()': () =>
    api.raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}', { params }),
  'bare openapi-fetch GET()': () =>
    bare.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}', { params }),
};

interface Sample {
  /** Wall-clock µs per call. */
  wall: number;
  /** CPU µs per call of this process (client and server alike): less moved by other work on the machine. */
  cpu: number;
}

async function timePerCall(run: () => Promise<unknown>, calls: number): Promise<Sample> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < calls; i++) await run();
  const wall = ((performance.now() - start) * 1000) / calls;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / calls };
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

for (const run of Object.values(competitors)) await timePerCall(run, WARMUP);
const results = new Map<string, Sample[]>(Object.keys(competitors).map((name) => [name, []]));
// Interleaved rounds, so that drift on the machine affects every competitor alike.
for (let round = 0; round < ROUNDS; round++) {
  for (const [name, run] of Object.entries(competitors))
    results.get(name)?.push(await timePerCall(run, CALLS_PER_ROUND));
}
server.close();

const medianOf = (name: string, key: keyof Sample) => median((results.get(name) ?? []).map((s) => s[key]));
const BASELINE = 'raw fetch + json()';
const BARE = 'bare openapi-fetch GET()';
console.log(`node ${process.version}, ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}`);
console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')} at ${new Date().toISOString()}`,
);
console.log(
  `${ROUNDS} interleaved rounds of ${CALLS_PER_ROUND} sequential calls, after ${WARMUP} warm-up calls each\n`,
);
console.log(
  '| competitor | median µs/call | calls/s | overhead vs raw fetch | CPU µs/call | CPU overhead vs raw fetch |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const overhead = (name: string, key: keyof Sample) => {
  if (name === BASELINE) return '—';
  const value = medianOf(name, key);
  const base = medianOf(BASELINE, key);
  return `${value >= base ? '+' : ''}${(value - base).toFixed(1)} µs (${((value / base - 1) * 100).toFixed(0)}%)`;
};
for (const name of results.keys()) {
  const wall = medianOf(name, 'wall');
  console.log(
    `| ${name} | ${wall.toFixed(1)} | ${Math.round(1e6 / wall)} | ${overhead(name, 'wall')} | ${medianOf(name, 'cpu').toFixed(1)} | ${overhead(name, 'cpu')} |`,
  );
}
const versusBare = (key: keyof Sample) =>
  (medianOf('client.clients.get()', key) - medianOf(BARE, key)).toFixed(1);
console.log(
  `\nclient.clients.get() minus bare openapi-fetch: ${versusBare('wall')} µs wall, ${versusBare('cpu')} µs CPU per call`,
);
