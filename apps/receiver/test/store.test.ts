import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations';
import { openStore } from '../src/store/receiver-store';
import type { IncomingDelivery, ReceiverStore } from '../src/store/store-types';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';

noticeWhenPostgresMissing('store');

let seq = 0;
function delivery(overrides: Partial<IncomingDelivery> = {}): IncomingDelivery {
  seq += 1;
  const id = `lglsoevt_store${seq}`;
  const body = { id, type: 'client.created', specVersion: 1, dataVersion: 1, data: {} };
  return {
    webhookId: id,
    webhookTimestamp: 1_700_000_000,
    rawBody: JSON.stringify(body),
    kind: 'known',
    envelope: { type: 'client.created', dataVersion: 1, occurredAt: '2026-05-02T10:00:00.000Z' },
    ...overrides,
  };
}

describe.each(STORE_BACKENDS)('the $name store', (backend) => {
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

  describe.skipIf(!backend.available)('', () => {
    beforeEach(async () => {
      // Take everything an earlier test left due, so each test sees only its own events.
      await store.claim('drain', 10_000, 3_600_000);
    });

    it('records a delivery once and recognises every later copy as a duplicate', async () => {
      const d = delivery();
      expect(await store.recordDelivery(d)).toBe('stored');
      expect(await store.recordDelivery(d)).toBe('duplicate');
      expect(await store.recordDelivery(d)).toBe('duplicate');
      const row = await store.getDelivery(d.webhookId);
      expect(row).toMatchObject({
        status: 'pending',
        timesReceived: 3,
        kind: 'known',
        type: 'client.created',
      });
    });

    it('stores one of many concurrent copies of a webhook-id and counts them all (group commit)', async () => {
      const d = delivery();
      const others = Array.from({ length: 10 }, () => delivery());
      const results = await Promise.all([
        ...Array.from({ length: 8 }, () => store.recordDelivery(d)),
        ...others.map((o) => store.recordDelivery(o)),
      ]);
      expect(results.slice(0, 8).filter((r) => r === 'stored')).toHaveLength(1);
      expect(results.slice(8)).toEqual(others.map(() => 'stored'));
      expect(await store.getDelivery(d.webhookId)).toMatchObject({ timesReceived: 8 });
    });

    it('keeps bodies with NUL characters, which PostgreSQL text cannot hold, inspectable', async () => {
      const escaped = delivery({ rawBody: '{"id":"x","name":"a\\u0000b"}' });
      const raw = delivery({ kind: 'invalid', rawBody: 'nul\u0000inside', parseError: 'not JSON' });
      expect(await store.recordDelivery(escaped)).toBe('stored');
      expect(await store.recordDelivery(raw)).toBe('stored');
      expect(await store.getDelivery(raw.webhookId)).toMatchObject({ status: 'invalid' });
    });

    it('keeps a signed body that is not a valid event for inspection, outside the processing queue', async () => {
      const d = delivery({ kind: 'invalid', rawBody: '{"not":"an event"', parseError: 'bad json' });
      expect(await store.recordDelivery(d)).toBe('stored');
      expect(await store.getDelivery(d.webhookId)).toMatchObject({
        status: 'invalid',
        parseError: 'bad json',
      });
      const claimed = await store.claim('p1', 100, 60_000);
      expect(claimed.map((c) => c.webhookId)).not.toContain(d.webhookId);
    });

    it('hands each due event to exactly one of several concurrent claimers', async () => {
      const ds = Array.from({ length: 20 }, () => delivery());
      for (const d of ds) await store.recordDelivery(d);
      const batches = await Promise.all(['a', 'b', 'c', 'd'].map((p) => store.claim(p, 8, 60_000)));
      const ids = batches.flat().map((c) => c.webhookId);
      expect(new Set(ids).size).toBe(ids.length);
      expect(new Set(ids)).toEqual(new Set(ds.map((d) => d.webhookId)));
    });

    it('returns the body exactly as signed, parsed from the raw text', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      const [claimed] = await store.claim('p1', 1, 60_000);
      expect(claimed).toMatchObject({ webhookId: d.webhookId, attempts: 1, payload: JSON.parse(d.rawBody) });
    });

    it('applies effects and marks the event processed in one step, only for the lease holder', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      await store.claim('owner', 1, 60_000);
      const applied = await store.complete(d.webhookId, 'intruder', 'processed', async (m) => {
        await m.ensureClient('lglsocli_intruder');
      });
      expect(applied).toBe(false);
      expect(
        await store.complete(d.webhookId, 'owner', 'processed', async (m) => {
          await m.ensureClient('lglsocli_owner');
        }),
      ).toBe(true);
      const clients = (await store.listClients()).map((c) => c.clientId);
      expect(clients).toContain('lglsocli_owner');
      expect(clients).not.toContain('lglsocli_intruder');
      expect(await store.getDelivery(d.webhookId)).toMatchObject({ status: 'processed', attempts: 1 });
    });

    it('rolls back the effects of a failing apply and leaves the event claimed', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      await store.claim('owner', 1, 60_000);
      await expect(
        store.complete(d.webhookId, 'owner', 'processed', async (m) => {
          await m.ensureClient('lglsocli_rolledback');
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.listClients()).map((c) => c.clientId)).not.toContain('lglsocli_rolledback');
      expect(await store.getDelivery(d.webhookId)).toMatchObject({ status: 'processing' });
    });

    it('schedules retries, parks dead letters and replays them with a fresh budget', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      await store.claim('p', 1, 60_000);
      await store.fail(d.webhookId, 'p', 'first failure', new Date(Date.now() + 60_000));
      expect(await store.getDelivery(d.webhookId)).toMatchObject({
        status: 'retrying',
        lastError: 'first failure',
      });
      // Not due yet: nobody can claim it.
      expect((await store.claim('p', 10, 60_000)).map((c) => c.webhookId)).not.toContain(d.webhookId);

      const dead = delivery();
      await store.recordDelivery(dead);
      await store.claim('p', 10, 60_000);
      await store.fail(dead.webhookId, 'p', 'gave up', null);
      expect(await store.getDelivery(dead.webhookId)).toMatchObject({ status: 'dead', lastError: 'gave up' });
      expect((await store.listDeliveries({ status: 'dead' })).map((r) => r.webhookId)).toContain(
        dead.webhookId,
      );

      expect(await store.replay(d.webhookId)).toBe(false);
      expect(await store.replay(dead.webhookId)).toBe(true);
      const [again] = await store.claim('p', 10, 60_000);
      expect(again).toMatchObject({ webhookId: dead.webhookId, attempts: 1 });
    });

    it('lets another processor take over an event whose lease expired', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      await store.claim('crashed', 1, 1);
      await new Promise((r) => setTimeout(r, 20));
      const [taken] = await store.claim('survivor', 1, 60_000);
      expect(taken).toMatchObject({ webhookId: d.webhookId, attempts: 2 });
      // The original holder coming back late must not apply anything.
      expect(await store.complete(d.webhookId, 'crashed', 'processed', async () => {})).toBe(false);
    });

    it('never lets an older snapshot overwrite a newer one, whatever the arrival order', async () => {
      const newer = {
        clientId: 'lglsocli_order',
        name: 'New name',
        occurredAt: '2026-05-02T12:00:00.000Z',
        eventId: 'lglsoevt_b',
      };
      const older = {
        clientId: 'lglsocli_order',
        name: 'Old name',
        occurredAt: '2026-05-02T11:00:00.000Z',
        eventId: 'lglsoevt_a',
      };
      for (const record of [newer, older, newer]) {
        const d = delivery();
        await store.recordDelivery(d);
        await store.claim('p', 1, 60_000);
        await store.complete(d.webhookId, 'p', 'processed', (m) => m.upsertClient(record).then(() => {}));
      }
      const client = (await store.listClients()).find((c) => c.clientId === 'lglsocli_order');
      expect(client).toMatchObject({ name: 'New name', sourceEventId: 'lglsoevt_b', isPlaceholder: false });
    });

    it('applies a claimed batch in one step with the same effects as applying each event alone', async () => {
      const ds = [delivery(), delivery(), delivery()];
      for (const d of ds) await store.recordDelivery(d);
      await store.claim('batch', 10, 60_000);
      const upserted: boolean[] = [];
      const applied = await store.completeMany(
        'batch',
        ds.map((d, i) => ({
          webhookId: d.webhookId,
          status: 'processed' as const,
          apply: async (m) => {
            // Every event references the same client: placeholders for it must not collide.
            await m.ensureClient('lglsocli_batch');
            upserted.push(
              await m.upsertWorker({
                workerId: `lglsowrk_batch${i}`,
                clientId: 'lglsocli_batch',
                email: `w${i}@example.com`,
                address: { city: `City ${i}` },
                occurredAt: '2026-05-02T12:00:00.000Z',
                eventId: d.webhookId,
              }),
            );
            await m.markOnboarded(`lglsowrk_batch${i}`, '2026-05-02T12:00:00.000Z');
            if (i !== 1) {
              await m.upsertContract({
                contractId: `lglsoctr_batch${i}`,
                workerId: `lglsowrk_batch${i}`,
                clientId: 'lglsocli_batch',
                occurredAt: '2026-05-02T12:00:00.000Z',
                eventId: d.webhookId,
              });
            }
          },
        })),
      );
      expect(applied).toEqual([true, true, true]);
      expect(upserted).toEqual([true, true, true]);
      const workers = (await store.listWorkers()).filter((w) =>
        String(w.workerId).startsWith('lglsowrk_batch'),
      );
      expect(workers.map((w) => [w.workerId, w.email, w.address, w.onboardedAt !== null])).toEqual([
        ['lglsowrk_batch0', 'w0@example.com', { city: 'City 0' }, true],
        ['lglsowrk_batch1', 'w1@example.com', { city: 'City 1' }, true],
        ['lglsowrk_batch2', 'w2@example.com', { city: 'City 2' }, true],
      ]);
      const contracts = (await store.listContracts()).filter((c) =>
        String(c.contractId).startsWith('lglsoctr_batch'),
      );
      expect(contracts.map((c) => c.contractId)).toEqual(['lglsoctr_batch0', 'lglsoctr_batch2']);
      expect((await store.listClients()).find((c) => c.clientId === 'lglsocli_batch')).toMatchObject({
        isPlaceholder: true,
      });
      for (const d of ds) expect(await store.getDelivery(d.webhookId)).toMatchObject({ status: 'processed' });
    });

    it('applies events of one batch that write the same row in their order, as one by one would', async () => {
      const ds = [delivery(), delivery()];
      for (const d of ds) await store.recordDelivery(d);
      await store.claim('batch', 10, 60_000);
      // The older snapshot carries a column the newer one lacks: applied in order, it stays; reordered, it would not.
      const records = [
        {
          clientId: 'lglsocli_same',
          name: 'Old',
          linksSelf: 'https://x/old',
          occurredAt: '2026-05-02T11:00:00.000Z',
        },
        { clientId: 'lglsocli_same', name: 'New', occurredAt: '2026-05-02T12:00:00.000Z' },
      ];
      const applied = await store.completeMany(
        'batch',
        ds.map((d, i) => ({
          webhookId: d.webhookId,
          status: 'processed' as const,
          apply: async (m) => {
            await m.upsertClient({ ...(records[i] as (typeof records)[0]), eventId: d.webhookId });
          },
        })),
      );
      expect(applied).toEqual([true, true]);
      expect((await store.listClients()).find((c) => c.clientId === 'lglsocli_same')).toMatchObject({
        name: 'New',
        linksSelf: 'https://x/old',
      });
    });

    it('writes nothing of a batch when one of its events fails', async () => {
      const ds = [delivery(), delivery()];
      for (const d of ds) await store.recordDelivery(d);
      await store.claim('batch', 10, 60_000);
      await expect(
        store.completeMany(
          'batch',
          ds.map((d, i) => ({
            webhookId: d.webhookId,
            status: 'processed' as const,
            apply: async (m) => {
              await m.ensureClient(`lglsocli_failbatch${i}`);
              if (i === 1) throw new Error('boom');
              await m.ensureClient('lglsocli_failbatch_more');
            },
          })),
        ),
      ).rejects.toThrow('boom');
      const clients = (await store.listClients()).map((c) => c.clientId);
      expect(clients.filter((c) => String(c).startsWith('lglsocli_failbatch'))).toEqual([]);
      for (const d of ds)
        expect(await store.getDelivery(d.webhookId)).toMatchObject({ status: 'processing' });
    });

    it('fills in a placeholder client once the real one arrives', async () => {
      const d = delivery();
      await store.recordDelivery(d);
      await store.claim('p', 1, 60_000);
      await store.complete(d.webhookId, 'p', 'processed', async (m) => {
        await m.ensureClient('lglsocli_late');
        await m.upsertUser({
          userId: 'lglsousr_early',
          clientId: 'lglsocli_late',
          email: 'a@b.c',
          occurredAt: '2026-05-02T12:00:00.000Z',
          eventId: 'lglsoevt_u',
        });
      });
      expect((await store.listClients()).find((c) => c.clientId === 'lglsocli_late')).toMatchObject({
        isPlaceholder: true,
        name: null,
      });
      const d2 = delivery();
      await store.recordDelivery(d2);
      await store.claim('p', 1, 60_000);
      await store.complete(d2.webhookId, 'p', 'processed', async (m) => {
        await m.upsertClient({
          clientId: 'lglsocli_late',
          name: 'Late Co',
          occurredAt: '2026-05-01T00:00:00.000Z',
          eventId: 'lglsoevt_c',
        });
      });
      expect((await store.listClients()).find((c) => c.clientId === 'lglsocli_late')).toMatchObject({
        isPlaceholder: false,
        name: 'Late Co',
      });
    });

    it('keeps dashboard sessions until they expire or are deleted', async () => {
      const inAnHour = Math.floor(Date.now() / 1000) + 3600;
      await store.sessions.set('session-a', { sub: 'lglsousr_ops', expiresAt: inAnHour });
      await store.sessions.set('session-b', { sub: 'lglsousr_ops', expiresAt: inAnHour });
      await store.sessions.set('session-old', {
        sub: 'lglsousr_ops',
        expiresAt: Math.floor(Date.now() / 1000) - 1,
      });
      expect(await store.sessions.get('session-a')).toEqual({ sub: 'lglsousr_ops', expiresAt: inAnHour });
      expect(await store.sessions.get('session-old')).toBeUndefined();
      expect(await store.sessions.get('nobody')).toBeUndefined();
      await store.sessions.delete('session-a');
      expect(await store.sessions.get('session-a')).toBeUndefined();
      expect(await store.sessions.purgeExpired()).toBe(1);
      expect(await store.sessions.deleteBySubject('lglsousr_ops')).toBe(1);
      expect(await store.sessions.get('session-b')).toBeUndefined();
    });

    it('has applied every migration, and applying them again changes nothing', async () => {
      expect(await store.migrate()).toEqual([]);
      expect(await store.schemaVersion()).toBe(MIGRATIONS.at(-1)?.version);
    });
  });
});

describe('the embedded store on disk', () => {
  it('refuses a second opener of the same data directory while the first is open', async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    const first = await openStore(prepared.options);
    try {
      await expect(openStore(prepared.options)).rejects.toThrow(/in use by process \d+/);
    } finally {
      await first.close();
    }
    // Once closed, the directory can be opened again, with everything still there.
    const again = await openStore(prepared.options);
    expect(await again.schemaVersion()).toBe(MIGRATIONS.at(-1)?.version);
    await again.close();
    await prepared.cleanup();
  });
});
