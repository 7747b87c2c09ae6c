import { EVENT_CATALOG, parseEvent } from '@listo/events';
import { makeEvent } from '@listo/events/fixtures';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDelivery } from '../src/incoming-delivery';
import { createLogger } from '../src/logger';
import { createMirrorPlanner } from '../src/mirror';
import { openStore } from '../src/store/receiver-store';
import type { ReceiverStore } from '../src/store/store-types';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';

noticeWhenPostgresMissing('the store accepts what parseEvent accepts');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const daysIn = (year: number, month: number) =>
  month === 2
    ? year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
      ? 29
      : 28
    : [4, 6, 9, 11].includes(month)
      ? 30
      : 31;

/** ISO-8601 date-times across the whole range the envelope schema accepts: years 0000–9999, offsets to ±23:59. */
const isoDateTime = fc
  .record({
    year: fc.oneof(fc.constantFrom(0, 1, 1969, 1970, 2026, 9999), fc.integer({ min: 0, max: 9999 })),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.oneof(fc.constant(''), fc.stringMatching(/^\.\d{1,12}$/)),
    offset: fc.oneof(
      fc.constantFrom('Z', '+00:00', '+15:59', '+16:00', '+23:59', '-23:59', '-16:00'),
      fc
        .record({
          sign: fc.constantFrom('+', '-'),
          h: fc.integer({ min: 0, max: 23 }),
          m: fc.integer({ min: 0, max: 59 }),
        })
        .map(({ sign, h, m }) => `${sign}${pad(h)}:${pad(m)}`),
    ),
  })
  .map(
    (t) =>
      `${pad(t.year, 4)}-${pad(t.month)}-${pad(Math.min(t.day, daysIn(t.year, t.month)))}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction}${t.offset}`,
  );

const positiveVersion = fc.oneof(
  fc.constantFrom(1, 2, 2 ** 31 - 1, 2 ** 31, 2 ** 32, Number.MAX_SAFE_INTEGER),
  fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  fc.maxSafeNat().filter((n) => n > 0),
);

/** Strings as hostile as JSON carries them: NUL, lone surrogates, astral characters. */
const text = fc.oneof(
  fc.string({ minLength: 1, unit: 'binary' }),
  fc.constantFrom('\u0000', 'a\u0000b', '\uD800', '\uDC00x', '😀', 'client.created'),
);

let serial = 0;
/** A fresh event id; one in ten as long as the receiver takes (2,048 characters), which parseEvent accepts too. */
const eventId = () => {
  const id = `lglsoevt_prop${Date.now().toString(36)}${(serial++).toString(36)}`;
  return serial % 10 === 0 ? id.padEnd(2048, 'x') : id;
};

/** Envelopes at the edges of what parseEvent accepts: known events with edge dates, unknown ones, and junk. */
const envelope = fc.oneof(
  // Known (type, dataVersion) with edge date-times in the envelope and the data.
  fc
    .record({
      entry: fc.constantFrom(...EVENT_CATALOG),
      occurredAt: isoDateTime,
      createdAt: isoDateTime,
    })
    .map(({ entry, occurredAt, createdAt }) => {
      const event = makeEvent(entry.type, entry.dataVersion as 1) as { data: Record<string, unknown> };
      if ('createdAt' in event.data) event.data.createdAt = createdAt;
      return { ...event, id: eventId(), occurredAt };
    }),
  // Any other valid envelope: parsed as unknown, and answered 200.
  fc
    .record({
      type: text,
      specVersion: positiveVersion,
      dataVersion: positiveVersion,
      occurredAt: isoDateTime,
      entity: fc.record({ type: text, id: text }),
      data: fc.dictionary(fc.string(), fc.jsonValue()),
    })
    .map((e) => ({ ...e, id: eventId() })),
  // Anything at all with an id: stored as invalid, for inspection.
  fc.dictionary(fc.string(), fc.jsonValue()).map((junk) => ({ ...junk, id: eventId() })),
);

describe.each(STORE_BACKENDS)('the $name store', (backend) => {
  let store: ReceiverStore;
  let cleanup: () => Promise<void>;
  const plan = createMirrorPlanner({ logger: createLogger({ level: 'silent' }) });

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
    'stores every event parseEvent accepts (and every signed body it does not), then processes the valid ones',
    async () => {
      await fc.assert(
        fc.asyncProperty(envelope, async (input) => {
          // The receiver sees the body as bytes: what survives JSON is what arrives.
          const rawBody = JSON.stringify(input);
          const parsed = parseEvent(JSON.parse(rawBody));
          const delivery = describeDelivery(input.id, 1_700_000_000, rawBody, parsed);
          expect(await store.recordDelivery(delivery)).toBe('stored');
          expect(await store.getDelivery(input.id)).toMatchObject({ kind: delivery.kind });
          if (parsed.kind === 'invalid') return;

          const claimed = await store.claim('property', 10, 60_000);
          expect(claimed.map((c) => c.webhookId)).toEqual([input.id]);
          const plans = await Promise.all(claimed.map((c) => plan(c)));
          const applied = await store.completeMany(
            'property',
            claimed.map((c, i) => ({
              webhookId: c.webhookId,
              status: plans[i]!.status,
              apply: plans[i]!.apply,
            })),
          );
          expect(applied).toEqual([true]);
          expect((await store.getDelivery(input.id))?.status).toBe(
            parsed.kind === 'known' ? 'processed' : 'ignored',
          );
        }),
        { numRuns: 150 },
      );
    },
  );
});
