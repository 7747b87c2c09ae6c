// `pnpm bench`: verification speed against standardwebhooks, svix and the raw node:crypto floor, and the
// minified + gzipped bundle size of each verifier entry. Runs the built package (dist/); turbo builds it first.
// Web Crypto (no node:crypto) is measured in a child process that hides process.getBuiltinModule.
import { execFileSync } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import workerOnboardedSample from '../test/support/worker-onboarded.json' with { type: 'json' };

const WEB_ONLY = process.argv.includes('--web-only');
if (WEB_ONLY) process.getBuiltinModule = undefined;

// On Node the package resolves to its `node` build (static node:crypto); the Web Crypto row loads the build that
// Web runtimes and browser bundlers get instead.
const { Webhook } = await import(WEB_ONLY ? '../dist/index.js' : '@listo/webhooks');

const SECRET_BYTES = Buffer.from('c2FtcGxlLWxpc3RvLXNpZ25pbmcta2V5LTMyYnl0ZXM', 'base64url');
const SECRET_WHSEC = `whsec_${SECRET_BYTES.toString('base64')}`;
const ROUNDS = 7;

// The guides' worker.onboarded sample, shared with the tests.
const onboarded = JSON.stringify(workerOnboardedSample);
const small = JSON.stringify({
  id: 'lglsoevt_uZJK2rPmA1nGqvE5w',
  type: 'client.created',
  specVersion: 1,
  dataVersion: 1,
  occurredAt: '2026-05-02T10:14:32.184Z',
  entity: { type: 'client', id: 'lglsocli_uZIIHfKqYBwyaRGGs' },
  data: { clientId: 'lglsocli_uZIIHfKqYBwyaRGGs', name: 'Acme Corp', links: { self: '/v1/clients/x' } },
});

function delivery(payload) {
  const id = JSON.parse(payload).id;
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', SECRET_BYTES)
    .update(`${id}.${timestamp}.${payload}`)
    .digest('base64');
  return {
    payload,
    headers: { 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` },
  };
}

/** The least any verifier must do: one HMAC, a constant-time compare, JSON.parse. */
function floor(payload, headers) {
  const expected = createHmac('sha256', SECRET_BYTES)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.`)
    .update(payload)
    .digest();
  const given = Buffer.from(headers['webhook-signature'].slice(3), 'base64');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new Error('mismatch');
  return JSON.parse(payload);
}

/** Median nanoseconds per call over ROUNDS rounds, the cases interleaved so that load elsewhere hits all alike. */
async function measure(cases, iterations) {
  const samples = new Map(cases.map(([name]) => [name, []]));
  for (const [, fn] of cases) for (let i = 0; i < 2000; i++) await fn(); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, fn, isAsync] of cases) {
      const start = process.hrtime.bigint();
      if (isAsync) for (let i = 0; i < iterations; i++) await fn();
      else for (let i = 0; i < iterations; i++) fn();
      samples.get(name).push(Number(process.hrtime.bigint() - start) / iterations);
    }
  }
  return Object.fromEntries(
    [...samples].map(([name, values]) => [name, values.sort((a, b) => a - b)[Math.floor(values.length / 2)]]),
  );
}

async function webOnly() {
  const results = {};
  for (const [label, payload] of [
    ['onboarded', onboarded],
    ['small', small],
  ]) {
    const { headers } = delivery(payload);
    const webhook = new Webhook(SECRET_WHSEC);
    const ns = await measure(
      [['verifyAsync (Web Crypto)', () => webhook.verifyAsync(payload, headers), true]],
      5000,
    );
    results[label] = ns['verifyAsync (Web Crypto)'];
  }
  return results;
}

if (WEB_ONLY) {
  console.log(JSON.stringify(await webOnly()));
  process.exit(0);
}

const { Webhook: StandardWebhook } = await import('standardwebhooks');
const { Webhook: SvixWebhook } = await import('svix');

const here = fileURLToPath(new URL('.', import.meta.url));
const web = JSON.parse(
  execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--web-only'], { encoding: 'utf8' }),
);

const rows = [];
for (const [label, payload] of [
  [`worker.onboarded sample (${Buffer.byteLength(onboarded)} B)`, onboarded],
  [`client.created event (${Buffer.byteLength(small)} B)`, small],
]) {
  const { headers } = delivery(payload);
  const ours = new Webhook(SECRET_WHSEC);
  const standard = new StandardWebhook(SECRET_WHSEC);
  const svix = new SvixWebhook(SECRET_WHSEC);
  const ns = await measure(
    [
      ['node:crypto floor', () => floor(payload, headers), false],
      ['@listo/webhooks verify', () => ours.verify(payload, headers), false],
      ['@listo/webhooks verifyAsync (Node fast path)', () => ours.verifyAsync(payload, headers), true],
      ['standardwebhooks verify', () => standard.verify(payload, headers), false],
      ['svix verify', () => svix.verify(payload, headers), false],
    ],
    10_000,
  );
  ns['@listo/webhooks verifyAsync (Web Crypto only)'] = web[payload === onboarded ? 'onboarded' : 'small'];
  rows.push([label, ns]);
}

// Bundle sizes: what `import { Webhook } from '<package>'` adds to a browser bundle.
const { build } = await import('esbuild');
async function bundleSize(source) {
  const result = await build({
    stdin: { contents: source, resolveDir: here, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}
const sizes = {
  '@listo/webhooks': await bundleSize("export { Webhook } from '@listo/webhooks';"),
  '@listo/webhooks/fetch (+ verifyRequest)': await bundleSize(
    "export { Webhook } from '@listo/webhooks'; export { verifyRequest } from '@listo/webhooks/fetch';",
  ),
  standardwebhooks: await bundleSize("export { Webhook } from 'standardwebhooks';"),
  'svix (webhook module only)': await bundleSize("export { Webhook } from 'svix/dist/webhook.js';"),
  'svix (package entry)': await bundleSize("export { Webhook } from 'svix';"),
};

const versions = {
  standardwebhooks: (await import('standardwebhooks/package.json', { with: { type: 'json' } })).default
    .version,
  svix: (await import('svix/package.json', { with: { type: 'json' } })).default.version,
};
console.log(
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model}); standardwebhooks ${versions.standardwebhooks}, svix ${versions.svix}`,
);
for (const [label, ns] of rows) {
  console.log(`\nverify, ${label} — median of ${ROUNDS} rounds`);
  const base = ns['node:crypto floor'];
  console.log('| | µs/op | ops/s | × floor |\n|---|---:|---:|---:|');
  for (const [name, value] of Object.entries(ns))
    console.log(
      `| ${name} | ${(value / 1000).toFixed(2)} | ${Math.round(1e9 / value).toLocaleString('en-US')} | ${(value / base).toFixed(2)} |`,
    );
}
console.log('\nbundle size of the verifier entry (esbuild --bundle --minify, platform browser; gzip -9)');
console.log('| | minified | gzip |\n|---|---:|---:|');
for (const [name, size] of Object.entries(sizes))
  console.log(`| ${name} | ${size.minified} B | ${size.gzip} B |`);
