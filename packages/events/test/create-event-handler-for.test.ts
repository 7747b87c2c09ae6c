import { describe, expect, it, vi } from 'vitest';
import { makeEvent, SAMPLE_EVENTS } from '../src/fixtures/index';
import { createEventHandlerFor, EVENT_CATALOG, parseEvent } from '../src/index';

function subsetHandler() {
  const calls: string[] = [];
  const handle = createEventHandlerFor(
    [
      ['worker.onboarded', 1],
      ['client.created', 1],
    ],
    {
      'worker.onboarded': {
        1: async (e) => {
          calls.push(`onboarded ${e.data.workerId}`);
          return e.data.contracts.length;
        },
      },
      'client.created': { 1: (e) => calls.push(`client ${e.data.clientId}`) && e.data.name },
      otherwise: (e) => {
        calls.push(`otherwise ${e.type}@${e.dataVersion}`);
      },
    },
  );
  return { calls, handle };
}

describe('createEventHandlerFor', () => {
  it('routes each subscribed (type, dataVersion) to its handler and every other known event to otherwise', () => {
    const { calls, handle } = subsetHandler();
    for (const sample of SAMPLE_EVENTS) handle(sample);
    expect(calls).toEqual([
      'client lglsocli_uZIIHfKqYBwyaRGGs',
      'otherwise user.created@1',
      'onboarded lglsowpr_uZIIQiu8Q5zhUXgbR',
      'otherwise worker.updated@1',
      'otherwise worker.contract.updated@1',
    ]);
  });

  it('routes unknown types, unknown data versions and other spec versions to otherwise', () => {
    const { calls, handle } = subsetHandler();
    const base = makeEvent('client.created', 1);
    for (const input of [
      { ...base, type: 'client.archived' },
      { ...base, dataVersion: 2 },
      { ...base, specVersion: 2 },
      { ...base, type: '__proto__' },
    ]) {
      const parsed = parseEvent(input);
      if (parsed.kind === 'invalid') throw parsed.error;
      handle(parsed.event);
    }
    expect(calls).toEqual([
      'otherwise client.archived@1',
      'otherwise client.created@2',
      'otherwise client.created@1',
      'otherwise __proto__@1',
    ]);
  });

  it('returns what each handler returns, sync or async', async () => {
    const { handle } = subsetHandler();
    await expect(handle(makeEvent('worker.onboarded', 1, { data: { contracts: [] } }))).resolves.toBe(0);
    expect(handle(makeEvent('client.created', 1, { data: { name: 'Acme' } }))).toBe('Acme');
    expect(handle(makeEvent('user.created', 1))).toBeUndefined();
  });

  it('passes arguments after the event on to the handler', () => {
    const otherwise = vi.fn();
    const onboarded = vi.fn();
    const handle = createEventHandlerFor([['worker.onboarded', 1]], {
      'worker.onboarded': { 1: onboarded },
      otherwise,
    }) as (event: unknown, delivery: unknown) => unknown;
    const event = makeEvent('worker.onboarded', 1);
    handle(event, { webhookId: 'x' });
    handle(makeEvent('user.created', 1), { webhookId: 'y' });
    expect(onboarded).toHaveBeenCalledWith(event, { webhookId: 'x' });
    expect(otherwise).toHaveBeenCalledWith(expect.objectContaining({ type: 'user.created' }), {
      webhookId: 'y',
    });
  });

  it('accepts every known pair, and an empty subscription that sends everything to otherwise', () => {
    const all = EVENT_CATALOG.map(({ type, dataVersion }) => [type, dataVersion] as const);
    const handlers = Object.fromEntries(all.map(([type]) => [type, { 1: () => type }]));
    const handle = createEventHandlerFor(
      all as never,
      { ...handlers, otherwise: () => 'otherwise' } as never,
    );
    expect(SAMPLE_EVENTS.map((e) => handle(e))).toEqual(EVENT_CATALOG.map(({ type }) => type));
    const none = createEventHandlerFor([], { otherwise: () => 'otherwise' });
    expect(SAMPLE_EVENTS.map((e) => none(e))).toEqual(SAMPLE_EVENTS.map(() => 'otherwise'));
  });

  it('fails at creation, not per event, when untyped code gets the subscription or the handlers wrong', () => {
    const otherwise = () => undefined;
    const handler = { 1: () => undefined };
    const attempts: [unknown, unknown, RegExp][] = [
      [
        [['client.deleted', 1]],
        { otherwise },
        /client\.deleted v1 is not a \(type, dataVersion\) this version/,
      ],
      [[['client.created', 2]], { otherwise }, /client\.created v2 is not/],
      [[['client.created', '1']], { otherwise }, /client\.created v1 is not/],
      [[['constructor', 1]], { otherwise }, /constructor v1 is not/],
      ['client.created', { otherwise }, /subscribed must be an array/],
      [[['client.created', 1]], { otherwise }, /no handler for client\.created v1/],
      [[['client.created', 1]], { 'client.created': handler }, /no otherwise handler/],
      [[], { 'user.created': handler, otherwise }, /user\.created v1, which is not in subscribed/],
      [[['user.created', 1]], { 'user.created': { ...handler, 2: () => 1 }, otherwise }, /user\.created v2/],
      [[], { 'user.created': () => 1, otherwise }, /handlers\.user\.created must be an object/],
    ];
    for (const [subscribed, handlers, error] of attempts) {
      expect(() => createEventHandlerFor(subscribed as never, handlers as never)).toThrow(error);
    }
  });

  it('does not look handlers up on the prototype chain', () => {
    const inherited = Object.assign(
      Object.create({ otherwise: () => 1, 'client.created': { 1: () => 1 } }),
      {},
    );
    expect(() => createEventHandlerFor([['client.created', 1]], inherited)).toThrow(/client\.created/);
    expect(() => createEventHandlerFor([], inherited)).toThrow(/otherwise/);
  });
});
