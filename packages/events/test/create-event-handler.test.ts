import { describe, expect, it, vi } from 'vitest';
import { makeEvent, SAMPLE_EVENTS } from '../src/fixtures/index';
import { createEventHandler, EVENT_CATALOG, type EventHandlers, parseEvent } from '../src/index';

function recordingHandlers() {
  const calls: string[] = [];
  const record = (call: string, result: string) => {
    calls.push(call);
    return result;
  };
  const handlers: EventHandlers<string> = {
    'client.created': { 1: (e) => record(`client.created@1 ${e.data.clientId}`, 'client') },
    'user.created': { 1: (e) => record(`user.created@1 ${e.data.userId}`, 'user') },
    'worker.onboarded': { 1: (e) => record(`worker.onboarded@1 ${e.data.workerId}`, 'onboarded') },
    'worker.updated': { 1: (e) => record(`worker.updated@1 ${e.data.workerId}`, 'updated') },
    'worker.contract.updated': { 1: (e) => record(`worker.contract.updated@1 ${e.data.id}`, 'contract') },
    unknown: (e) => record(`unknown ${e.type}@${e.dataVersion}`, 'unknown'),
  };
  return { calls, handlers };
}

describe('createEventHandler', () => {
  it('routes each known (type, dataVersion) to its own handler, and only to it', () => {
    const { calls, handlers } = recordingHandlers();
    const handle = createEventHandler(handlers);
    for (const sample of SAMPLE_EVENTS) {
      calls.length = 0;
      handle(sample);
      expect(calls).toEqual([`${sample.type}@${sample.dataVersion} ${sample.entity.id}`]);
    }
  });

  it("returns the handler's result", () => {
    const handle = createEventHandler(recordingHandlers().handlers);
    expect(EVENT_CATALOG.map(({ type, dataVersion }) => handle(makeEvent(type, dataVersion)))).toEqual([
      'client',
      'user',
      'onboarded',
      'updated',
      'contract',
    ]);
  });

  it('routes unknown types, unknown data versions and other spec versions to unknown', () => {
    const { calls, handlers } = recordingHandlers();
    const handle = createEventHandler(handlers);
    const base = makeEvent('client.created', 1);
    for (const input of [
      { ...base, type: 'client.archived' },
      { ...base, dataVersion: 2 },
      { ...base, specVersion: 2 },
      { ...base, type: 'constructor' },
    ]) {
      const parsed = parseEvent(input);
      if (parsed.kind === 'invalid') throw parsed.error;
      expect(handle(parsed.event)).toBe('unknown');
    }
    expect(calls).toEqual([
      'unknown client.archived@1',
      'unknown client.created@2',
      'unknown client.created@1',
      'unknown constructor@1',
    ]);
  });

  it('passes async results through, so a handler can return a promise', async () => {
    const handle = createEventHandler<Promise<string>>({
      'client.created': { 1: async (e) => e.data.name },
      'user.created': { 1: async (e) => e.data.email },
      'worker.onboarded': { 1: async (e) => e.data.email },
      'worker.updated': { 1: async (e) => e.data.email },
      'worker.contract.updated': { 1: async (e) => e.data.jobTitle },
      unknown: async (e) => e.type,
    });
    await expect(handle(makeEvent('client.created', 1, { data: { name: 'Acme' } }))).resolves.toBe('Acme');
  });

  it('mixes sync and async handlers, each result passed through as it is', async () => {
    const handle = createEventHandler({
      'client.created': { 1: async (e) => e.data.name },
      'user.created': { 1: (e) => e.data.email.length },
      'worker.onboarded': { 1: (e) => e.data.email },
      'worker.updated': { 1: (e) => e.data.email },
      'worker.contract.updated': { 1: (e) => e.data.jobTitle },
      unknown: () => undefined,
    });
    await expect(handle(makeEvent('client.created', 1, { data: { name: 'Acme' } }))).resolves.toBe('Acme');
    expect(handle(makeEvent('user.created', 1, { data: { email: 'a@b.co' } }))).toBe(6);
    expect(handle({ ...makeEvent('user.created', 1), specVersion: 2 } as never)).toBeUndefined();
  });

  it('passes arguments after the event on to the handler', () => {
    const spy = vi.fn();
    const { handlers } = recordingHandlers();
    const handle = createEventHandler({ ...handlers, 'user.created': { 1: spy }, unknown: spy }) as (
      event: unknown,
      delivery: unknown,
    ) => unknown;
    const event = makeEvent('user.created', 1);
    handle(event, { webhookId: 'a' });
    handle({ ...event, type: 'user.archived' }, { webhookId: 'b' });
    expect(spy.mock.calls).toEqual([
      [event, { webhookId: 'a' }],
      [{ ...event, type: 'user.archived' }, { webhookId: 'b' }],
    ]);
  });

  it('fails at creation, not per event, when untyped code leaves a handler out', () => {
    const { handlers } = recordingHandlers();
    const { 'worker.updated': _, ...missingType } = handlers;
    expect(() => createEventHandler(missingType as never)).toThrow(/no handler for worker\.updated v1/);
    expect(() => createEventHandler({ ...handlers, 'user.created': {} } as never)).toThrow(
      /no handler for user\.created v1/,
    );
    const { unknown: __, ...missingUnknown } = handlers;
    expect(() => createEventHandler(missingUnknown as never)).toThrow(/unknown events/);
  });

  it('does not look handlers up on the prototype chain', () => {
    const { handlers } = recordingHandlers();
    const inherited = Object.assign(Object.create({ 'client.created': handlers['client.created'] }), {
      ...handlers,
      'client.created': undefined,
    });
    expect(() => createEventHandler(inherited)).toThrow(/client\.created/);
  });

  it('calls each handler once per event', () => {
    const spy = vi.fn(() => 'x');
    const { handlers } = recordingHandlers();
    const handle = createEventHandler({ ...handlers, 'worker.onboarded': { 1: spy } });
    const event = makeEvent('worker.onboarded', 1);
    handle(event);
    expect(spy).toHaveBeenCalledOnce();
    expect(spy).toHaveBeenCalledWith(event);
  });
});
