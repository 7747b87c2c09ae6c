import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMemoryDeliveryStore, type DeliveryClaim } from '../src/index';

const lease = { leaseMs: 1000 };

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(1_760_000_000_000);
});
afterEach(() => {
  vi.useRealTimers();
});

async function claimed(
  store: ReturnType<typeof createMemoryDeliveryStore>,
  id: string,
): Promise<DeliveryClaim> {
  const result = await store.claim(id, lease);
  expect(result.status).toBe('claimed');
  return result as DeliveryClaim;
}

describe('createMemoryDeliveryStore', () => {
  it('claims a new webhook-id once: the next claim is in progress, then completed', async () => {
    const store = createMemoryDeliveryStore();
    const claim = await claimed(store, 'a');
    expect(claim).toEqual({ status: 'claimed', webhookId: 'a', attempt: 1 });
    expect(await store.claim('a', lease)).toEqual({ status: 'in_progress', retryAfterMs: 1000 });
    expect((await store.claim('b', lease)).status).toBe('claimed');
    await store.complete(claim);
    expect(await store.claim('a', lease)).toEqual({ status: 'completed' });
  });

  it('lets a released claim be claimed again, as the next attempt', async () => {
    const store = createMemoryDeliveryStore();
    await store.release(await claimed(store, 'a'));
    const again = await claimed(store, 'a');
    expect(again.attempt).toBe(2);
    await store.release(again);
    expect((await claimed(store, 'a')).attempt).toBe(3);
  });

  it('lets a claim be taken over once its lease has run out, and keeps the newer claim on a stale release', async () => {
    const store = createMemoryDeliveryStore();
    const stale = await claimed(store, 'a');
    vi.setSystemTime(Date.now() + 999);
    expect((await store.claim('a', lease)).status).toBe('in_progress');
    vi.setSystemTime(Date.now() + 1);
    const newer = await claimed(store, 'a');
    expect(newer.attempt).toBe(2);
    await store.release(stale);
    expect((await store.claim('a', lease)).status).toBe('in_progress');
    await store.complete(stale); // the late first attempt did finish: the delivery was handled
    expect(await store.claim('a', lease)).toEqual({ status: 'completed' });
  });

  it('remembers completed deliveries for the retention, then forgets them', async () => {
    const store = createMemoryDeliveryStore({ retentionMs: 60_000 });
    await store.complete(await claimed(store, 'a'));
    vi.setSystemTime(Date.now() + 59_999);
    expect((await store.claim('a', lease)).status).toBe('completed');
    vi.setSystemTime(Date.now() + 1);
    expect((await store.claim('a', lease)).status).toBe('claimed');
  });

  it('keeps at most maxEntries, forgetting the oldest settled ones first and never a live claim', async () => {
    const store = createMemoryDeliveryStore({ maxEntries: 3 });
    const live = await claimed(store, 'live');
    for (const id of ['a', 'b', 'c', 'd']) await store.complete(await claimed(store, id));
    expect((await store.claim('live', lease)).status).toBe('in_progress');
    // 'a' and 'b' were forgotten to make room; 'c' and 'd' are remembered
    expect((await store.claim('d', lease)).status).toBe('completed');
    expect((await store.claim('a', lease)).status).toBe('claimed');
    await store.complete(live);
  });

  it('stays bounded under a flood of distinct ids', async () => {
    const store = createMemoryDeliveryStore({ maxEntries: 100 });
    for (let i = 0; i < 5000; i++) await store.complete(await claimed(store, `id-${i}`));
    expect((await store.claim('id-4999', lease)).status).toBe('completed');
    expect((await store.claim('id-0', lease)).status).toBe('claimed');
  });

  it('refuses nonsensical options', () => {
    expect(() => createMemoryDeliveryStore({ retentionMs: 0 })).toThrow(RangeError);
    expect(() => createMemoryDeliveryStore({ maxEntries: Number.NaN })).toThrow(RangeError);
  });
});
