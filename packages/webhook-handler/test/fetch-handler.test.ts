import type { EventParseError, ListoEvent, UnknownListoEvent } from '@listo/events';
import { makeEvent } from '@listo/events/fixtures';
import { InvalidWebhookSecretError } from '@listo/webhooks';
import { describe, expect, it, vi } from 'vitest';
import {
  type AcceptedDeliveryReport,
  createMemoryDeliveryStore,
  createWebhookHandler,
  type DeliveryStore,
  type FailedDeliveryReport,
  type RejectedDeliveryReport,
  type WebhookDelivery,
  type WebhookEventHandlers,
  type WebhookHandlerOptions,
} from '../src/index';
import { delivery, futureEvent, ourDelivery, request, SECRET } from './support/deliveries';

type Call = [kind: string, event: unknown, delivery: WebhookDelivery];

/** Handlers for every event that record their calls, and hooks that record their reports. */
function recorder(overrides: Partial<WebhookEventHandlers> = {}) {
  const calls: Call[] = [];
  const reports = {
    accepted: [] as AcceptedDeliveryReport[],
    rejected: [] as RejectedDeliveryReport[],
    failed: [] as FailedDeliveryReport[],
  };
  const record = (kind: string) => (event: unknown, d: WebhookDelivery) => {
    calls.push([kind, event, d]);
  };
  const handlers: WebhookEventHandlers = {
    'client.created': { 1: record('client.created') },
    'user.created': { 1: record('user.created') },
    'worker.onboarded': { 1: record('worker.onboarded') },
    'worker.updated': { 1: record('worker.updated') },
    'worker.contract.updated': { 1: record('worker.contract.updated') },
    unknown: record('unknown'),
    invalid: record('invalid'),
    ...overrides,
  };
  const hooks = {
    onAccepted: (r: AcceptedDeliveryReport) => void reports.accepted.push(r),
    onRejected: (r: RejectedDeliveryReport) => void reports.rejected.push(r),
    onFailed: (r: FailedDeliveryReport) => void reports.failed.push(r),
  };
  return { calls, reports, handlers, hooks };
}

function setup(options: Partial<WebhookHandlerOptions> = {}, overrides?: Partial<WebhookEventHandlers>) {
  const r = recorder(overrides);
  const handler = createWebhookHandler({ secret: SECRET, handlers: r.handlers, hooks: r.hooks, ...options });
  return { ...r, handler };
}

async function answerOf(response: Response): Promise<[number, unknown]> {
  expect(response.headers.get('content-type')).toBe('application/json');
  return [response.status, await response.json()];
}

describe('a valid delivery', () => {
  it('is verified, parsed and handed to its handler with its delivery facts, then answered 200', async () => {
    const { handler, calls, reports } = setup();
    const event = makeEvent('worker.onboarded', 1);
    const d = delivery(event);
    expect(await answerOf(await handler.fetch(request(d)))).toEqual([
      200,
      { status: 'handled', webhookId: event.id },
    ]);
    expect(calls).toHaveLength(1);
    const [kind, received, facts] = calls[0]!;
    expect(kind).toBe('worker.onboarded');
    expect(received).toEqual(event);
    expect(facts).toEqual({
      webhookId: event.id,
      timestamp: Number(d.headers['webhook-timestamp']),
      attempt: 1,
      receivedAt: expect.any(Date),
      rawBody: new TextEncoder().encode(d.body),
    });
    expect(reports.accepted).toEqual([
      {
        status: 200,
        outcome: 'handled',
        webhookId: event.id,
        type: 'worker.onboarded',
        dataVersion: 1,
        attempt: 1,
        error: undefined,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('is accepted whether standardwebhooks or this repository signed it, on every event type', async () => {
    const { handler, calls } = setup();
    const types = ['client.created', 'user.created', 'worker.onboarded', 'worker.updated'] as const;
    for (const type of types) {
      expect((await handler.fetch(request(delivery(makeEvent(type, 1))))).status).toBe(200);
      expect((await handler.fetch(request(ourDelivery(makeEvent(type, 1))))).status).toBe(200);
    }
    const contract = makeEvent('worker.contract.updated', 1);
    expect((await handler.fetch(request(delivery(contract)))).status).toBe(200);
    expect(calls.map(([kind]) => kind)).toEqual([...types.flatMap((t) => [t, t]), 'worker.contract.updated']);
  });

  it('awaits an async handler before answering', async () => {
    let done = false;
    const { handler } = setup(
      {},
      {
        'client.created': {
          1: async () => {
            await new Promise((resolve) => setTimeout(resolve, 5));
            done = true;
          },
        },
      },
    );
    expect((await handler.fetch(request(delivery()))).status).toBe(200);
    expect(done).toBe(true);
  });

  it('accepts a charset parameter on the content type', async () => {
    const { handler } = setup();
    const d = delivery();
    d.headers['content-type'] = 'application/json; charset=utf-8';
    expect((await handler.fetch(request(d))).status).toBe(200);
  });
});

describe('an event this version does not know', () => {
  it('goes to `unknown` and is answered 200, as the guides require', async () => {
    const { handler, calls, reports } = setup();
    const event = futureEvent() as UnknownListoEvent;
    expect(await answerOf(await handler.fetch(request(delivery(event))))).toEqual([
      200,
      { status: 'unknown', webhookId: event.id },
    ]);
    expect(calls.map(([kind, e]) => [kind, (e as UnknownListoEvent).type])).toEqual([
      ['unknown', 'client.archived'],
    ]);
    expect(reports.accepted[0]).toMatchObject({ outcome: 'unknown', type: 'client.archived' });
  });

  it('includes a known type at an unknown data version', async () => {
    const { handler, calls } = setup();
    const event = { ...makeEvent('client.created', 1), dataVersion: 2 };
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(calls.map(([kind]) => kind)).toEqual(['unknown']);
  });
});

describe('a signed delivery that is not a valid event', () => {
  it('goes to `invalid` with the parse error and is answered 202', async () => {
    const { handler, calls, reports } = setup();
    const event = makeEvent('client.created', 1);
    const broken = { ...event, data: { ...event.data, clientId: 42 } };
    expect(await answerOf(await handler.fetch(request(delivery(broken))))).toEqual([
      202,
      { status: 'invalid', webhookId: event.id },
    ]);
    const [kind, error, facts] = calls[0]!;
    expect(kind).toBe('invalid');
    expect((error as EventParseError).name).toBe('EventParseError');
    expect((error as EventParseError).path).toBe('data.clientId');
    expect(new TextDecoder().decode(facts.rawBody)).toBe(JSON.stringify(broken));
    expect(reports.accepted[0]).toMatchObject({ outcome: 'invalid', status: 202, type: 'client.created' });
  });

  it('includes a body that is not JSON, with an invalid_json issue', async () => {
    const { handler, calls } = setup();
    const d = delivery({}, { id: 'lglsoevt_notjson1', body: '{"id": "lglsoevt_notjson1", oops' });
    expect(await answerOf(await handler.fetch(request(d)))).toEqual([
      202,
      { status: 'invalid', webhookId: 'lglsoevt_notjson1' },
    ]);
    expect((calls[0]![1] as EventParseError).issues[0]).toMatchObject({ code: 'invalid_json', path: '' });
  });

  it('can be answered 200 instead, and needs no invalid handler', async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      invalidStatus: 200,
      handlers: { otherwise: () => {} },
    });
    const d = delivery({}, { id: 'lglsoevt_x', body: '[]' });
    expect(await answerOf(await handler.fetch(request(d)))).toEqual([
      200,
      { status: 'invalid', webhookId: 'lglsoevt_x' },
    ]);
  });
});

describe('requests that are refused', () => {
  it('answers 401 to a bad signature and a stale or future timestamp, without calling a handler', async () => {
    const { handler, calls, reports } = setup();
    const forged = delivery();
    forged.body = forged.body.replace('"client.created"', '"client.created" ');
    const stale = delivery(makeEvent('client.created', 1), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const future = delivery(makeEvent('client.created', 1), {
      timestamp: Math.floor(Date.now() / 1000) + 301,
    });
    const results = [];
    for (const d of [forged, stale, future]) results.push(await answerOf(await handler.fetch(request(d))));
    expect(results).toEqual([
      [401, { error: 'no_matching_signature', message: expect.any(String) }],
      [401, { error: 'timestamp_too_old', message: expect.any(String) }],
      [401, { error: 'timestamp_too_new', message: expect.any(String) }],
    ]);
    expect(calls).toEqual([]);
    expect(reports.rejected.map((r) => [r.status, r.reason])).toEqual([
      [401, 'no_matching_signature'],
      [401, 'timestamp_too_old'],
      [401, 'timestamp_too_new'],
    ]);
  });

  it('answers 400 to missing or malformed signature headers', async () => {
    const { handler } = setup();
    for (const [header, value, code] of [
      ['webhook-id', undefined, 'missing_header'],
      ['webhook-signature', undefined, 'missing_header'],
      ['webhook-timestamp', '1.5e9', 'malformed_header'],
      ['webhook-signature', 'garbage', 'malformed_header'],
    ] as const) {
      const d = delivery();
      if (value === undefined) delete d.headers[header];
      else d.headers[header] = value;
      expect(await answerOf(await handler.fetch(request(d)))).toEqual([
        400,
        { error: code, message: expect.any(String) },
      ]);
    }
  });

  it('answers 400 when webhook-id is not the body’s id, even correctly signed', async () => {
    const { handler, calls } = setup();
    const event = makeEvent('client.created', 1);
    const d = delivery(event, { id: 'lglsoevt_someotherevent' });
    expect(await answerOf(await handler.fetch(request(d)))).toEqual([
      400,
      { error: 'id_mismatch', message: expect.any(String) },
    ]);
    const wrongType = delivery({ ...event, id: 42 }, { id: '42' });
    expect((await handler.fetch(request(wrongType))).status).toBe(400);
    expect(calls).toEqual([]);
  });

  it('answers 415 to another content type, and 405 to another method', async () => {
    const { handler } = setup();
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonp', '']) {
      const d = delivery();
      d.headers['content-type'] = type;
      expect(await answerOf(await handler.fetch(request(d)))).toEqual([
        415,
        { error: 'unsupported_media_type', message: 'Content-Type must be application/json' },
      ]);
    }
    const get = await handler.fetch(new Request('http://127.0.0.1/webhooks/listo'));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
  });

  it('answers 413 to a body over the limit, declared or streamed', async () => {
    const { handler, reports } = setup({ bodyLimit: 1024 });
    const big = delivery(makeEvent('client.created', 1, { data: { name: 'x'.repeat(2000) } }));
    expect((await handler.fetch(request(big))).status).toBe(413);
    const chunk = new TextEncoder().encode(' '.repeat(256));
    const endless = new ReadableStream<Uint8Array>({ pull: (c) => c.enqueue(chunk) });
    const streamed = await handler.fetch(
      request(delivery(), { body: endless, duplex: 'half' } as RequestInit),
    );
    expect(await answerOf(streamed)).toEqual([
      413,
      { error: 'payload_too_large', message: 'The request body is larger than 1024 bytes' },
    ]);
    expect(reports.rejected.map((r) => r.reason)).toEqual(['payload_too_large', 'payload_too_large']);
  });

  it('checks the signed headers before it reads the body', async () => {
    const { handler } = setup();
    const d = delivery();
    const bytes = new TextEncoder().encode(d.body);
    /** A body that records whether anyone read it (highWaterMark 0: nothing is pulled before a read). */
    const watched = () => {
      const state = { pulled: false };
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            state.pulled = true;
            controller.enqueue(bytes);
            controller.close();
          },
        },
        { highWaterMark: 0 },
      );
      return { state, init: { body, duplex: 'half' } as RequestInit };
    };
    const stale = watched();
    const staleHeaders = delivery(makeEvent('client.created', 1), { timestamp: 1_600_000_000 });
    expect((await handler.fetch(request(staleHeaders, stale.init))).status).toBe(401);
    expect(stale.state.pulled).toBe(false);
    // the same body with good headers is read
    const fresh = watched();
    expect((await handler.fetch(request(d, fresh.init))).status).toBe(200);
    expect(fresh.state.pulled).toBe(true);
  });

  it('survives hostile bodies: deep nesting, huge numbers, odd encodings, prototype keys', async () => {
    const { handler, calls } = setup();
    const id = 'lglsoevt_hostile1';
    const bodies = [
      `{"id":"${id}","data":${'['.repeat(5000)}${']'.repeat(5000)}}`,
      `{"id":"${id}","type":"client.created","specVersion":1,"dataVersion":1e400}`,
      `{"id":"${id}","__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}`,
      `\uFEFF{"id":"${id}"}`,
      'null',
      '"just a string"',
    ];
    for (const body of bodies) {
      const response = await handler.fetch(request(delivery({}, { id, body })));
      expect([200, 202]).toContain(response.status);
    }
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(calls.every(([kind]) => kind === 'invalid' || kind === 'unknown')).toBe(true);
  });
});

describe('duplicates', () => {
  it('of a handled delivery are answered 200 without calling a handler again', async () => {
    const { handler, calls, reports } = setup();
    const event = makeEvent('client.created', 1);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    // A retry is signed afresh, as Listo does.
    expect(await answerOf(await handler.fetch(request(delivery(event))))).toEqual([
      200,
      { status: 'duplicate', webhookId: event.id },
    ]);
    expect(calls).toHaveLength(1);
    expect(reports.accepted.map((r) => r.outcome)).toEqual(['handled', 'duplicate']);
  });

  it('are kept apart by store: a new store handles the delivery again', async () => {
    const event = makeEvent('client.created', 1);
    const first = setup();
    const second = setup();
    await first.handler.fetch(request(delivery(event)));
    await second.handler.fetch(request(delivery(event)));
    expect([first.calls.length, second.calls.length]).toEqual([1, 1]);
  });
});

describe('a handler that throws', () => {
  it('gets 500 with nothing internal in the answer; the retry runs the handler again as attempt 2', async () => {
    let fail = true;
    const { handler, reports, calls } = setup(
      {},
      {
        'client.created': {
          1: (_event, d) => {
            calls.push(['client.created', _event, d]);
            if (fail) throw new Error('database password is hunter2');
          },
        },
      },
    );
    const event = makeEvent('client.created', 1);
    const response = await handler.fetch(request(delivery(event)));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(JSON.parse(text)).toEqual({
      error: 'handler_failed',
      message: 'The delivery could not be handled now; retry later',
    });
    expect(text).not.toContain('hunter2');
    expect(reports.failed).toEqual([
      {
        status: 500,
        reason: 'handler_failed',
        error: new Error('database password is hunter2'),
        webhookId: event.id,
        type: 'client.created',
        dataVersion: 1,
        attempt: 1,
        durationMs: expect.any(Number),
      },
    ]);
    fail = false;
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(calls.map(([, , d]) => d.attempt)).toEqual([1, 2]);
  });

  it('that rejects is handled the same, and an invalid handler that throws too', async () => {
    const { handler } = setup(
      {},
      {
        'client.created': { 1: async () => Promise.reject(new Error('no')) },
        invalid: () => {
          throw new Error('no');
        },
      },
    );
    expect((await handler.fetch(request(delivery()))).status).toBe(500);
    expect((await handler.fetch(request(delivery({}, { id: 'lglsoevt_a', body: '{}' })))).status).toBe(500);
  });

  it('is written to console.error when no onFailed hook is given, and never with the secret', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const handler = createWebhookHandler({
        secret: SECRET,
        handlers: {
          otherwise: () => {
            throw new Error('boom');
          },
        },
      });
      expect((await handler.fetch(request(delivery()))).status).toBe(500);
      expect(spy).toHaveBeenCalledTimes(1);
      const logged = spy.mock.calls[0]!.map(String).join(' ');
      expect(logged).toMatch(/handler_failed \(answered 500, webhook-id lglsoevt_/);
      expect(logged).toContain('boom');
      expect(logged).not.toContain(SECRET.slice(4));
    } finally {
      spy.mockRestore();
    }
  });
});

describe('the store', () => {
  function failingStore(part: 'claim' | 'complete'): DeliveryStore {
    const memory = createMemoryDeliveryStore();
    return {
      claim: part === 'claim' ? () => Promise.reject(new Error('connection refused')) : memory.claim,
      complete: part === 'complete' ? () => Promise.reject(new Error('commit failed')) : memory.complete,
      release: memory.release,
    };
  }

  it('failing to claim gives 503 before any handler runs', async () => {
    const { handler, calls, reports } = setup({ store: failingStore('claim') });
    expect(await answerOf(await handler.fetch(request(delivery())))).toEqual([
      503,
      { error: 'store_unavailable', message: 'The delivery could not be handled now; retry later' },
    ]);
    expect(calls).toEqual([]);
    expect(reports.failed[0]).toMatchObject({
      reason: 'store_unavailable',
      error: new Error('connection refused'),
    });
  });

  it('failing to complete gives 503 (not acknowledged) and releases the claim for the retry', async () => {
    const memory = createMemoryDeliveryStore();
    let commits = 0;
    const store: DeliveryStore = {
      ...memory,
      complete: (claim) =>
        commits++ === 0 ? Promise.reject(new Error('commit failed')) : memory.complete(claim),
    };
    const { handler, calls } = setup({ store });
    const event = makeEvent('client.created', 1);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(503);
    expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(calls.map(([, , d]) => d.attempt)).toEqual([1, 2]);
  });

  it('answers 200 duplicate when a store that settles duplicates on commit finds the delivery done already', async () => {
    // Every claim granted; the commit (keyed by webhook-id) tells the first delivery from its copies.
    const committed = new Set<string>();
    const store: DeliveryStore = {
      claim: async (webhookId) => ({ status: 'claimed', webhookId, attempt: 1 }),
      complete: async ({ webhookId }) => {
        if (committed.has(webhookId)) return { status: 'duplicate' };
        committed.add(webhookId);
      },
      release: async () => {},
    };
    const { handler, reports } = setup({ store });
    const event = makeEvent('client.created', 1);
    const answers = await Promise.all([1, 2].map(() => handler.fetch(request(delivery(event)))));
    expect(await Promise.all(answers.map(answerOf))).toEqual([
      [200, { status: 'handled', webhookId: event.id }],
      [200, { status: 'duplicate', webhookId: event.id }],
    ]);
    expect(reports.accepted.map((r) => r.outcome)).toEqual(['handled', 'duplicate']);
  });

  it('is asked to complete only after the handler returned, and before the answer', async () => {
    const order: string[] = [];
    const memory = createMemoryDeliveryStore();
    const store: DeliveryStore = {
      claim: async (id, options) => {
        order.push(`claim ${options.leaseMs}`);
        return memory.claim(id, options);
      },
      complete: async (claim) => {
        order.push(`complete ${claim.attempt}`);
        return memory.complete(claim);
      },
      release: memory.release,
    };
    const handler = createWebhookHandler({
      secret: SECRET,
      store,
      leaseMs: 10_000,
      handlers: {
        otherwise: async () => {
          await Promise.resolve();
          order.push('handler');
        },
      },
    });
    const response = await handler.fetch(request(delivery()));
    order.push(`answer ${response.status}`);
    expect(order).toEqual(['claim 10000', 'handler', 'complete 1', 'answer 200']);
  });
});

describe('the secret', () => {
  it('is checked at creation when given as a value', () => {
    expect(() => createWebhookHandler({ secret: 'whk_c2hvcnQ', handlers: { otherwise: () => {} } })).toThrow(
      InvalidWebhookSecretError,
    );
    expect(() =>
      createWebhookHandler({
        secret: process.env.LISTO_TEST_SECRET_THAT_IS_NOT_SET as string,
        handlers: { otherwise: () => {} },
      }),
    ).toThrow(/got undefined — is LISTO_WEBHOOK_SECRET/);
  });

  it('may be a provider, called on the first delivery only; a failure answers 500 and is tried again', async () => {
    let calls = 0;
    let value: string | undefined;
    const failed: FailedDeliveryReport[] = [];
    const handler = createWebhookHandler({
      secret: async () => {
        calls++;
        return value as string;
      },
      handlers: { otherwise: () => {} },
      hooks: { onFailed: (r) => void failed.push(r) },
    });
    expect(calls).toBe(0);
    const first = await handler.fetch(request(delivery()));
    expect(await answerOf(first)).toEqual([500, { error: 'internal_error', message: expect.any(String) }]);
    expect(failed[0]).toMatchObject({
      reason: 'not_configured',
      error: expect.any(InvalidWebhookSecretError),
    });
    value = SECRET;
    expect((await handler.fetch(request(delivery()))).status).toBe(200);
    expect((await handler.fetch(request(delivery()))).status).toBe(200);
    expect(calls).toBe(2);
  });

  it('may be a rotation list: deliveries signed with either key are accepted', async () => {
    const handler = createWebhookHandler({
      secret: ['whk_bmV3LWtleS1mb3ItdGhlLXJvdGF0aW9uLTMyYnl0ZXMh', SECRET],
      handlers: { otherwise: () => {} },
    });
    expect((await handler.fetch(request(delivery()))).status).toBe(200);
  });
});

describe('hooks', () => {
  it('that throw or reject change nothing', async () => {
    const handler = createWebhookHandler({
      secret: SECRET,
      handlers: { otherwise: () => {} },
      hooks: {
        onAccepted: () => {
          throw new Error('metrics down');
        },
        onRejected: () => Promise.reject(new Error('logger down')),
      },
    });
    expect((await handler.fetch(request(delivery()))).status).toBe(200);
    expect((await handler.fetch(new Request('http://x/', { method: 'PUT' }))).status).toBe(405);
  });

  it('never see the secret or a signature', async () => {
    const { handler, reports } = setup();
    const d = delivery();
    await handler.fetch(request(d));
    const forged = delivery();
    forged.headers['webhook-signature'] = `v1,${'A'.repeat(43)}=`;
    await handler.fetch(request(forged));
    const text = JSON.stringify(reports);
    expect(text).not.toContain(SECRET.slice(4, 20));
    expect(text).not.toContain(d.headers['webhook-signature']!.slice(3, 20));
  });
});

describe('handlers given by untyped code', () => {
  it('are checked at creation, by @listo/events: a missing one, a typo, a non-function', () => {
    const make = (handlers: unknown) =>
      createWebhookHandler({ secret: SECRET, handlers: handlers as WebhookEventHandlers });
    const { handlers } = recorder();
    const { 'worker.updated': _, ...missing } = handlers;
    expect(() => make(missing)).toThrow('createEventHandler: no handler for worker.updated v1');
    expect(() => make({ otherwise: () => {}, 'client.crated': { 1: () => {} } })).toThrow(
      'client.crated v1 is not a (type, dataVersion) this version of @listo/events knows',
    );
    expect(() => make({ otherwise: () => {}, 'client.created': { 9: () => {} } })).toThrow(
      'client.created v9 is not a (type, dataVersion)',
    );
    expect(() => make({ otherwise: () => {}, 'client.created': { 1: 'nope' } })).toThrow(
      'createEventHandlerFor: no handler for client.created v1',
    );
    expect(() => make({ ...handlers, invalid: 'nope' })).toThrow('handlers.invalid must be a function');
    expect(() => make({})).toThrow('createEventHandler: no handler for client.created v1');
    expect(() => make({ ...handlers, otherwise: () => {} })).toThrow(/not both/);
  });
});

describe('the subset form', () => {
  it('calls the subscribed handlers, and `otherwise` for every other event, known or not', async () => {
    const seen: string[] = [];
    const handler = createWebhookHandler({
      secret: SECRET,
      handlers: {
        'worker.onboarded': { 1: (event) => void seen.push(`onboarded ${event.data.workerId}`) },
        otherwise: (event: ListoEvent | UnknownListoEvent) => void seen.push(`otherwise ${event.type}`),
      },
    });
    const onboarded = makeEvent('worker.onboarded', 1);
    for (const event of [onboarded, makeEvent('client.created', 1), futureEvent()])
      expect((await handler.fetch(request(delivery(event)))).status).toBe(200);
    expect(seen).toEqual([
      `onboarded ${onboarded.data.workerId}`,
      'otherwise client.created',
      'otherwise client.archived',
    ]);
  });
});
