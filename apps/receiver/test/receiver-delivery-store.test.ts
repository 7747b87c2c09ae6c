import { describe, expect, it } from 'vitest';
import {
  createReceiverDeliveryStore,
  type ReceiverDeliveryStore,
} from '../src/store/receiver-delivery-store';
import type { IncomingDelivery } from '../src/store/store-types';

const lease = { leaseMs: 30_000 };
const delivery = (webhookId: string): IncomingDelivery => ({
  webhookId,
  webhookTimestamp: 1_700_000_000,
  rawBody: '{}',
  kind: 'invalid',
  parseError: 'test',
});

async function claimed(store: ReceiverDeliveryStore, webhookId: string) {
  const result = await store.claim(webhookId, lease);
  if (result.status !== 'claimed') throw new Error(`expected a claim, got ${result.status}`);
  return result;
}

/** A store whose commits are held until released, keyed like the deliveries table. */
function heldStore() {
  const committed = new Set<string>();
  const held: (() => void)[] = [];
  return {
    committed,
    commitAll: () => {
      for (const go of held.splice(0)) go();
    },
    recordDelivery: (d: IncomingDelivery) =>
      new Promise<'stored' | 'duplicate'>((resolve) => {
        held.push(() => {
          const fresh = !committed.has(d.webhookId);
          committed.add(d.webhookId);
          resolve(fresh ? 'stored' : 'duplicate');
        });
      }),
  };
}

describe('the receiver’s delivery store', () => {
  it('commits what was staged on complete, and reports a second commit of the webhook-id as a duplicate', async () => {
    const backing = heldStore();
    const store = createReceiverDeliveryStore(backing);
    const claim = await claimed(store, 'a');
    expect(claim).toEqual({ status: 'claimed', webhookId: 'a', attempt: 1 });
    store.stage(delivery('a'));
    const first = store.complete(claim);
    await Promise.resolve();
    expect(backing.committed.has('a')).toBe(false); // not acknowledged before the commit
    backing.commitAll();
    expect(await first).toBeUndefined();

    const again = await claimed(store, 'a');
    store.stage(delivery('a'));
    const second = store.complete(again);
    backing.commitAll();
    expect(await second).toEqual({ status: 'duplicate' });
  });

  it('lets a copy claim only once the first attempt has settled', async () => {
    const backing = heldStore();
    const store = createReceiverDeliveryStore(backing);
    const first = await claimed(store, 'a');
    let copyClaimed = false;
    const copy = store.claim('a', lease).then((c) => {
      copyClaimed = true;
      return c;
    });
    store.stage(delivery('a'));
    const done = store.complete(first);
    await new Promise((r) => setImmediate(r));
    expect(copyClaimed).toBe(false);
    backing.commitAll();
    await done;
    expect((await copy).status).toBe('claimed');
  });

  it('frees the webhook-id when a claim is released, and refuses to complete what nothing staged', async () => {
    const store = createReceiverDeliveryStore(heldStore());
    await store.release(await claimed(store, 'a'));
    const claim = await claimed(store, 'a');
    await expect(store.complete(claim)).rejects.toThrow(/nothing staged/);
    expect(() => store.stage(delivery('b'))).toThrow(/without a live claim/);
    expect((await store.claim('a', lease)).status).toBe('claimed');
  });
});
