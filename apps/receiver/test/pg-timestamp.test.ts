import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePgTimestamp, toPgTimestamp } from '../src/store/pg-timestamp';

describe('toPgTimestamp', () => {
  it('moves every instant to UTC in a form PostgreSQL reads, BC years included', () => {
    expect(toPgTimestamp('2026-05-02T10:14:32.184Z')).toBe('2026-05-02 10:14:32.184+00');
    expect(toPgTimestamp('0000-01-01T00:00:00Z')).toBe('0001-01-01 00:00:00+00 BC');
    expect(toPgTimestamp('2026-05-02T10:14:32.184+16:00')).toBe('2026-05-01 18:14:32.184+00');
    expect(toPgTimestamp('0000-01-01T00:00:00+23:59')).toBe('0002-12-31 00:01:00+00 BC');
    expect(toPgTimestamp('9999-12-31T23:59:59.123456789-23:59')).toBe('10000-01-01 23:58:59.123456+00');
  });

  it('refuses what is not an instant', () => {
    for (const bad of ['2026-02-30T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01', 'yesterday', '']) {
      expect(toPgTimestamp(bad)).toBeUndefined();
    }
  });

  it('names the same instant as the ISO text, once read back (to the millisecond Date keeps)', () => {
    const pad = (n: number, w = 2) => String(n).padStart(w, '0');
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0000-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 }),
        (date, offset) => {
          // The same instant written in local time at `offset` minutes east of UTC.
          const local = new Date(date.getTime() + offset * 60_000);
          const year = local.getUTCFullYear();
          fc.pre(year >= 0 && year <= 9999);
          const sign = offset < 0 ? '-' : '+';
          const iso = `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}.${pad(local.getUTCMilliseconds(), 3)}${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
          const pgText = toPgTimestamp(iso);
          expect(pgText).toBeDefined();
          expect(parsePgTimestamp(pgText!).getTime()).toBe(date.getTime());
        },
      ),
    );
  });
});

describe('parsePgTimestamp', () => {
  it('reads PostgreSQL output in any session time zone', () => {
    expect(parsePgTimestamp('2026-05-02 10:14:32.184+00').toISOString()).toBe('2026-05-02T10:14:32.184Z');
    expect(parsePgTimestamp('2026-05-02 12:14:32.184123+02').toISOString()).toBe('2026-05-02T10:14:32.184Z');
    expect(parsePgTimestamp('2026-05-02 05:44:32-04:30').toISOString()).toBe('2026-05-02T10:14:32.000Z');
    expect(parsePgTimestamp('0001-01-01 00:00:00+00 BC').toISOString()).toBe('0000-01-01T00:00:00.000Z');
  });
});
