// `pnpm bench`: what createWebhookHandler costs on top of the work any receiver does (verify + parseEvent), on the
// built packages (dist/; turbo builds them first). Every iteration is a new delivery (a fresh webhook-id), so that
// the dedupe store claims and completes each one as in production; deliveries are signed before timing starts.
import { cpus, loadavg } from 'node:os';
import { createEventHandler, parseEvent } from '@listo/events';
import { makeEvent } from '@listo/events/fixtures';
import { createWebhookHandler } from '@listo/webhook-handler';
import { generateSecret, Webhook } from '@listo/webhooks';
import { readRequestBody } from '@listo/webhooks/fetch';

const ITERATIONS = 5_000;
const ROUNDS = 11;
const SECRET = generateSecret();
const signer = new Webhook(SECRET);
const encoder = new TextEncoder();

const noop = () => {};
const handlers = {
  'client.created': { 1: noop },
  'user.created': { 1: noop },
  'worker.onboarded': { 1: noop },
  'worker.updated': { 1: noop },
  'worker.contract.updated': { 1: noop },
  unknown: noop,
};

/** `count` signed deliveries of `type`, each with its own id. */
function deliveries(type, count) {
  return Array.from({ length: count }, () => {
    const event = makeEvent(type, 1);
    const body = JSON.stringify(event);
    const headers = {
      'content-type': 'application/json',
      ...signer.signHeaders(event.id, new Date(), body),
    };
    const bytes = encoder.encode(body);
    return { body, bytes, headers, readBody: async () => bytes };
  });
}

const toRequest = (d) =>
  new Request('http://127.0.0.1/webhooks/listo', { method: 'POST', headers: d.headers, body: d.body });

/**
 * The least any receiver does, without HTTP objects: read the body (asynchronously, as every server does), verify,
 * parse, dispatch, and write a JSON answer. The baseline of `handle()`, which gets the same `readBody`.
 */
function verifyAndParse() {
  const webhook = new Webhook(SECRET);
  const dispatch = createEventHandler(handlers);
  return async (d) => {
    const bytes = await d.readBody();
    const parsed = parseEvent(await webhook.verifyAsync(bytes, d.headers));
    if (parsed.kind !== 'known') throw new Error(`unexpected ${parsed.kind}`);
    await dispatch(parsed.event);
    return JSON.stringify({ status: 'handled', webhookId: parsed.event.id });
  };
}

/** The same as a minimal hand-written Fetch receiver: read the Request's body, verify, parse, dispatch, answer. */
function handWrittenFetch() {
  const webhook = new Webhook(SECRET);
  const dispatch = createEventHandler(handlers);
  return async (d) => {
    const request = toRequest(d);
    const bytes = await readRequestBody(request);
    const parsed = parseEvent(await webhook.verifyAsync(bytes, request.headers));
    if (parsed.kind !== 'known') throw new Error(`unexpected ${parsed.kind}`);
    await dispatch(parsed.event);
    const response = new Response(JSON.stringify({ status: 'handled', webhookId: parsed.event.id }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
    if (response.status !== 200) throw new Error('unexpected');
  };
}

function handlerHandle() {
  const handler = createWebhookHandler({ secret: SECRET, handlers });
  return async (d) => {
    const answer = await handler.handle({
      method: 'POST',
      headers: d.headers,
      contentType: d.headers['content-type'],
      contentLength: undefined,
      readBody: d.readBody,
    });
    if (answer.status !== 200) throw new Error(`unexpected ${answer.status}: ${answer.body}`);
  };
}

function handlerFetch() {
  const handler = createWebhookHandler({ secret: SECRET, handlers });
  return async (d) => {
    const response = await handler.fetch(toRequest(d));
    if (response.status !== 200) throw new Error(`unexpected ${response.status}`);
  };
}

/** Median CPU ns per delivery over ROUNDS rounds; cases interleaved so that background load hits every case alike. */
async function measure(type, cases) {
  const samples = new Map(cases.map(([name]) => [name, []]));
  const made = cases.map(([name, make]) => [name, make()]);
  for (const [, run] of made) for (const d of deliveries(type, 500)) await run(d); // warm-up
  for (let round = 0; round < ROUNDS; round++) {
    const batch = deliveries(type, ITERATIONS);
    for (const [name, run] of made) {
      // Each case gets the same deliveries; each handler has its own store, so they are new to it.
      // CPU time of this process, not wall time: on a shared machine, other processes' load stretches wall time
      // unevenly, but not the CPU this process spends.
      const start = process.cpuUsage();
      for (const d of batch) await run(d);
      const { user, system } = process.cpuUsage(start);
      samples.get(name).push(((user + system) * 1000) / ITERATIONS);
    }
  }
  return Object.fromEntries(
    [...samples].map(([name, values]) => [name, values.sort((a, b) => a - b)[Math.floor(values.length / 2)]]),
  );
}

console.log(
  `node ${process.version}, ${cpus().length} CPUs (${cpus()[0]?.model}), load average ${loadavg()[0].toFixed(1)}`,
);
for (const type of ['worker.onboarded', 'client.created']) {
  const ns = await measure(type, [
    ['read + verify + parseEvent + dispatch + answer (no HTTP objects)', verifyAndParse],
    ['createWebhookHandler handle() (no HTTP objects)', handlerHandle],
    ['hand-written Fetch receiver (Request → Response)', handWrittenFetch],
    ['createWebhookHandler fetch() (Request → Response)', handlerFetch],
  ]);
  const size = deliveries(type, 1)[0].bytes.length;
  console.log(`\n${type} (${size} B), median of ${ROUNDS} rounds of ${ITERATIONS} new deliveries`);
  console.log('| | CPU µs/delivery | overhead |\n|---|---:|---:|');
  const pairs = [
    [
      'read + verify + parseEvent + dispatch + answer (no HTTP objects)',
      'createWebhookHandler handle() (no HTTP objects)',
    ],
    ['hand-written Fetch receiver (Request → Response)', 'createWebhookHandler fetch() (Request → Response)'],
  ];
  for (const [base, ours] of pairs) {
    console.log(`| ${base} | ${(ns[base] / 1000).toFixed(2)} | |`);
    console.log(
      `| ${ours} | ${(ns[ours] / 1000).toFixed(2)} | ${(((ns[ours] - ns[base]) / ns[base]) * 100).toFixed(1)} % |`,
    );
  }
}
