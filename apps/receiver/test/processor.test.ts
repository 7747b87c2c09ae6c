import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger';
import { type ProcessingPlan, Processor } from '../src/processor';
import { openStore } from '../src/store/receiver-store';
import type { IncomingDelivery, ReceiverStore } from '../src/store/store-types';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';

noticeWhenPostgresMissing('processor');

const delivery = (id: string): IncomingDelivery => ({
  webhookId: id,
  webhookTimestamp: 1,
  rawBody: JSON.stringify({ id }),
  kind: 'known',
});

describe.each(STORE_BACKENDS)('the processor ($name store)', (backend) => {
  let store: ReceiverStore;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (!backend.available) return;
    const prepared = await backend.prepare();
    cleanup = prepared.cleanup;
    store = await openStore(prepared.options);
  });
  afterAll(async () => {
    await store?.close();
    await cleanup?.();
  });

  it.skipIf(!backend.available)(
    'applies a batch in one go, and isolates an event whose writes fail',
    async () => {
      const ids = Array.from({ length: 6 }, (_, i) => `lglsoevt_batch${i}`);
      for (const id of ids) await store.recordDelivery(delivery(id));
      const processor = new Processor({
        store,
        logger: createLogger({ level: 'silent' }),
        maxAttempts: 1,
        batchSize: 10,
        plan: async (d): Promise<ProcessingPlan> => ({
          status: 'processed',
          async apply(m) {
            if (d.webhookId === 'lglsoevt_batch3') throw new Error('constraint violated');
            await m.ensureClient(`lglsocli_${d.webhookId}`);
          },
        }),
      });
      expect(await processor.drain()).toBe(6);
      const rows = await Promise.all(ids.map((id) => store.getDelivery(id)));
      expect(rows.map((r) => r?.status)).toEqual([
        'processed',
        'processed',
        'processed',
        'dead',
        'processed',
        'processed',
      ]);
      expect(rows[3]?.lastError).toBe('Error: constraint violated');
      const clients = (await store.listClients()).map((c) => c.clientId);
      expect(clients).toHaveLength(5);
      expect(clients).not.toContain('lglsocli_lglsoevt_batch3');
    },
  );

  it.skipIf(!backend.available)('stops after finishing the batch in hand', async () => {
    await store.recordDelivery(delivery('lglsoevt_stop'));
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const processor = new Processor({
      store,
      logger: createLogger({ level: 'silent' }),
      pollMs: 10,
      plan: async () => {
        await gate;
        return { status: 'processed', apply: async () => {} };
      },
    });
    processor.start();
    await new Promise((r) => setTimeout(r, 100));
    const stopped = processor.stop();
    release();
    await stopped;
    expect(await store.getDelivery('lglsoevt_stop')).toMatchObject({ status: 'processed' });
  });
  it.skipIf(!backend.available)(
    'purges finished deliveries past the retention period and keeps every unfinished one',
    async () => {
      const done = ['lglsoevt_old_processed', 'lglsoevt_old_invalid'];
      const waiting = 'lglsoevt_old_waiting';
      await store.recordDelivery(delivery(done[0]!));
      await store.recordDelivery({ ...delivery(done[1]!), kind: 'invalid', parseError: 'not an event' });
      await store.recordDelivery(delivery(waiting));
      const processor = new Processor({
        store,
        logger: createLogger({ level: 'silent' }),
        maxAttempts: 5,
        pollMs: 20,
        // Everything finished is "old" at once; the purge runs on every turn of the loop.
        retentionMs: 1,
        purgeIntervalMs: 1,
        plan: async (d): Promise<ProcessingPlan> => {
          if (d.webhookId === waiting) throw new Error('Listo is down; retry later');
          return { status: 'processed', apply: async () => {} };
        },
        retryBaseMs: 3_600_000,
      });
      // The waiting one gets a retry an hour from now: it must outlive every purge.
      processor.start();
      try {
        await expect
          .poll(async () => Promise.all(done.map((id) => store.getDelivery(id))), { timeout: 240_000 })
          .toEqual([undefined, undefined]);
      } finally {
        await processor.stop();
      }
      expect(await store.getDelivery(waiting)).toMatchObject({ status: 'retrying' });
    },
  );
});
