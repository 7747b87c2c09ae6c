import { makeEvent } from '@listo/events/fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReceiver } from '../src/server';
import type { DeliveryRow } from '../src/store/store-types';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';
import { getJson, NEXT_SECRET, postDelivery, SECRET, startTestReceiver, waitFor } from './support/receiver';

noticeWhenPostgresMissing('webhook endpoint');

describe.each(STORE_BACKENDS)('POST /webhooks/listo on the $name store', (backend) => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  let url: string;

  beforeAll(async () => {
    if (!backend.available) return;
    const prepared = await backend.prepare();
    cleanup = prepared.cleanup;
    // Two keys configured, as during a rotation.
    receiver = await startTestReceiver(prepared.options, { webhookSecrets: [SECRET, NEXT_SECRET] });
    url = receiver.url;
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  const delivery = (id: string) => getJson<DeliveryRow>(`${url}/api/deliveries/${id}`);
  const settled = (id: string) =>
    waitFor(async () => {
      const d = await delivery(id);
      return d.status !== 'pending' && d.status !== 'processing' && d.status !== 'retrying' && d;
    });

  describe.skipIf(!backend.available)('', () => {
    it('stores a verified delivery, answers 200 and mirrors it off the request path', async () => {
      const event = makeEvent('client.created', 1, { data: { name: 'Acme EOR' } });
      const res = await postDelivery(url, event);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'handled', webhookId: event.id });
      expect(await settled(event.id)).toMatchObject({
        status: 'processed',
        attempts: 1,
        type: 'client.created',
      });
      const { clients } = await getJson<{ clients: { clientId: string; name: string }[] }>(
        `${url}/api/clients`,
      );
      expect(clients.find((c) => c.clientId === event.data.clientId)).toMatchObject({ name: 'Acme EOR' });
    });

    it('answers a duplicate with 200 and does not process it again', async () => {
      const event = makeEvent('client.created', 1);
      expect((await postDelivery(url, event)).status).toBe(200);
      await settled(event.id);
      const again = await postDelivery(url, event);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ status: 'duplicate' });
      expect(await delivery(event.id)).toMatchObject({ status: 'processed', attempts: 1, timesReceived: 2 });
    });

    it('answers copies that arrive together with 200 once the first is committed: one stored, the others duplicates', async () => {
      const event = makeEvent('user.created', 1);
      const answers = await Promise.all([1, 2, 3].map(() => postDelivery(url, event)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const bodies = (await Promise.all(answers.map((r) => r.json()))) as { status: string }[];
      expect(bodies.map((b) => b.status).sort()).toEqual(['duplicate', 'duplicate', 'handled']);
      expect(await settled(event.id)).toMatchObject({ status: 'processed', attempts: 1, timesReceived: 3 });
    });

    it('stores, logs and acknowledges event types and versions it does not know', async () => {
      const future = { ...makeEvent('client.created', 1), type: 'client.archived' };
      const newer = { ...makeEvent('client.created', 1), dataVersion: 2 };
      for (const event of [future, newer]) {
        expect((await postDelivery(url, event)).status).toBe(200);
        expect(await settled(event.id)).toMatchObject({ kind: 'unknown', status: 'ignored' });
      }
    });

    it('stores, acknowledges and processes valid events at the edges of what the database types hold', async () => {
      // Each of these is a valid event for parseEvent; none fits a plain integer / timestamptz column.
      const cases = [
        { event: { ...makeEvent('client.created', 1), dataVersion: 2_147_483_648 }, status: 'ignored' },
        {
          event: makeEvent('client.created', 1, { occurredAt: '0000-01-01T00:00:00Z' }),
          status: 'processed',
        },
        {
          event: makeEvent('client.created', 1, { occurredAt: '2026-05-02T10:14:32.184+16:00' }),
          status: 'processed',
        },
        {
          event: makeEvent('worker.onboarded', 1, { occurredAt: '9999-12-31T23:59:59.9999999-23:59' }),
          status: 'processed',
        },
        {
          event: makeEvent('user.created', 1, {
            occurredAt: '2026-05-02T10:14:32+23:59',
            data: { createdAt: '0000-02-29T23:59:59.123456+23:59' },
          }),
          status: 'processed',
        },
      ];
      for (const { event, status } of cases) {
        const res = await postDelivery(url, event);
        expect(res.status).toBe(200);
        expect(await settled(event.id)).toMatchObject({ status, attempts: 1 });
      }
      const stored = await delivery(cases[0]!.event.id);
      expect(stored).toMatchObject({ dataVersion: 2_147_483_648, kind: 'unknown' });
      expect((await delivery(cases[1]!.event.id)).occurredAt).toBe('0000-01-01T00:00:00.000Z');
      expect((await delivery(cases[2]!.event.id)).occurredAt).toBe('2026-05-01T18:14:32.184Z');
    });

    it('keeps a signed body that is not a valid event for inspection and answers 2xx', async () => {
      const broken = { ...makeEvent('user.created', 1), occurredAt: 'yesterday' };
      const res = await postDelivery(url, broken);
      expect(res.status).toBe(202);
      expect(await delivery(broken.id)).toMatchObject({ kind: 'invalid', status: 'invalid' });
      expect((await delivery(broken.id)).parseError).toBeTruthy();

      const notJson = await postDelivery(url, '{"id": "lglsoevt_truncated", "type": "cli', {
        id: 'lglsoevt_truncated',
      });
      expect(notJson.status).toBe(202);
      expect(await delivery('lglsoevt_truncated')).toMatchObject({
        kind: 'invalid',
        parseError: 'The body is not JSON',
      });
    });

    it('verifies deliveries signed with either key during a rotation, and with both at once', async () => {
      for (const secret of [SECRET, NEXT_SECRET, [SECRET, NEXT_SECRET]]) {
        const res = await postDelivery(url, makeEvent('client.created', 1), { secret });
        expect(res.status).toBe(200);
      }
    });

    it('answers 401 to a bad signature and to a timestamp outside the 5-minute window', async () => {
      const wrongKey = `whsec_${Buffer.from('somebody-else-entirely-000000000').toString('base64')}`;
      const badSig = await postDelivery(url, makeEvent('client.created', 1), { secret: wrongKey });
      expect(badSig.status).toBe(401);
      expect(await badSig.json()).toMatchObject({ error: 'no_matching_signature' });
      const old = await postDelivery(url, makeEvent('client.created', 1), {
        timestamp: Math.floor(Date.now() / 1000) - 301,
      });
      expect(old.status).toBe(401);
      // A few seconds past the edge: the clock moves on between signing and checking, which brings a
      // timestamp from the future back inside the window.
      const future = await postDelivery(url, makeEvent('client.created', 1), {
        timestamp: Math.floor(Date.now() / 1000) + 305,
      });
      expect(future.status).toBe(401);
    });

    it('answers 400 to missing or malformed headers and to a webhook-id that differs from the body id', async () => {
      const event = makeEvent('client.created', 1);
      expect((await postDelivery(url, event, { headers: { 'webhook-signature': '' } })).status).toBe(400);
      expect((await postDelivery(url, event, { headers: { 'webhook-timestamp': 'soon' } })).status).toBe(400);
      expect((await postDelivery(url, event, { headers: { 'webhook-id': 'has spaces' } })).status).toBe(400);
      const mismatch = await postDelivery(url, event, { id: 'lglsoevt_someoneelse' });
      expect(mismatch.status).toBe(400);
      expect(await mismatch.json()).toMatchObject({ error: 'id_mismatch' });
      // Nothing of the rejected deliveries was stored.
      expect((await fetch(`${url}/api/deliveries/${event.id}`)).status).toBe(404);
    });

    it('answers 413 to a body over 1 MiB and 415 to a body that is not JSON by content type', async () => {
      const event = { ...makeEvent('client.created', 1), padding: 'x'.repeat(1024 * 1024) };
      expect((await postDelivery(url, event)).status).toBe(413);
      expect(
        (await postDelivery(url, makeEvent('client.created', 1), { contentType: 'text/plain' })).status,
      ).toBe(415);
    });

    it('mirrors users and workers whose client has not arrived yet under a placeholder client', async () => {
      const user = makeEvent('user.created', 1);
      expect((await postDelivery(url, user)).status).toBe(200);
      await settled(user.id);
      const { clients } = await getJson<{ clients: Record<string, unknown>[] }>(`${url}/api/clients`);
      expect(clients.find((c) => c.clientId === user.data.clientId)).toMatchObject({ isPlaceholder: true });

      const client = makeEvent('client.created', 1, {
        data: { clientId: user.data.clientId, name: 'Arrived Late' },
        entity: { id: user.data.clientId },
      });
      expect((await postDelivery(url, client)).status).toBe(200);
      await settled(client.id);
      const after = await getJson<{ clients: Record<string, unknown>[] }>(`${url}/api/clients`);
      expect(after.clients.find((c) => c.clientId === user.data.clientId)).toMatchObject({
        isPlaceholder: false,
        name: 'Arrived Late',
      });
    });

    it('converges on the newest worker state when an update arrives before the onboarding', async () => {
      const onboarded = makeEvent('worker.onboarded', 1, { occurredAt: '2026-05-02T11:00:00.000Z' });
      const updated = makeEvent('worker.updated', 1, {
        occurredAt: '2026-05-02T12:00:00.000Z',
        data: { ...onboarded.data, email: 'new.address@example.com' },
        entity: { id: onboarded.data.workerId },
      });
      expect((await postDelivery(url, updated)).status).toBe(200);
      await settled(updated.id);
      expect((await postDelivery(url, onboarded)).status).toBe(200);
      await settled(onboarded.id);
      const { workers } = await getJson<{ workers: Record<string, unknown>[] }>(`${url}/api/workers`);
      const worker = workers.find((w) => w.workerId === onboarded.data.workerId);
      expect(worker).toMatchObject({
        email: 'new.address@example.com',
        onboardedAt: '2026-05-02T11:00:00.000Z',
      });
      expect(worker?.contracts).toHaveLength(1);
    });

    it('answers the read endpoints: health, readiness, users, workers and Prometheus metrics', async () => {
      expect(await getJson(`${url}/healthz`)).toEqual({ status: 'ok' });
      expect(await getJson(`${url}/readyz`)).toEqual({ status: 'ready', store: backend.name });
      expect(await getJson(`${url}/api/users`)).toHaveProperty('users');
      const deliveries = await getJson<{ deliveries: DeliveryRow[] }>(`${url}/api/deliveries?limit=5`);
      expect(deliveries.deliveries).toHaveLength(5);
      expect((await fetch(`${url}/api/deliveries?status=bogus`)).status).toBe(400);
      const metrics = await fetch(`${url}/metrics`);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await metrics.text();
      expect(text).toMatch(/listo_receiver_deliveries_total\{outcome="stored"\} \d+/);
      expect(text).toMatch(/listo_receiver_deliveries_total\{outcome="duplicate"\} \d+/);
      expect(text).toMatch(/listo_receiver_deliveries_by_status\{status="processed"\} \d+/);
      expect(text).toContain('listo_receiver_webhook_duration_seconds_bucket{le="+Inf"}');
    });
  });
});
