/**
 * Conversions between the ISO-8601 date-times events carry and PostgreSQL `timestamptz`.
 *
 * `parseEvent` accepts any ISO date-time with seconds and a `Z` or `±HH:MM` offset up to ±23:59, years 0000–9999
 * and any number of fraction digits. PostgreSQL reads neither year 0000 (it counts 1 BC, 2 BC, … instead) nor an
 * offset beyond ±15:59, so such a value is first moved to UTC here and written in PostgreSQL's own form
 * (`0001-12-31 14:00:00+00 BC`), which both stores accept for every instant from 4713 BC to 294276 AD.
 */

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * The instant as a literal every PostgreSQL `timestamptz` column accepts, exact to the microsecond (further
 * digits are dropped), or `undefined` when `iso` is not an ISO-8601 date-time that names a real instant.
 */
export function toPgTimestamp(iso: string): string | undefined {
  const m = ISO.exec(iso);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59 || Number(m[11] ?? 0) > 59) {
    return undefined;
  }
  const offsetMinutes = m[8] ? 0 : (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11]));

  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day); // setUTCFullYear, not Date.UTC: years 0–99 stay as written.
  if (at.getUTCMonth() !== month - 1 || at.getUTCDate() !== day) return undefined; // 2026-02-30
  // Whole minutes only: the seconds and their fraction are untouched, so no precision is lost.
  at.setUTCHours(hour, minute - offsetMinutes, 0, 0);

  const y = at.getUTCFullYear();
  const fraction = m[7] ? `.${m[7].slice(0, 6)}` : '';
  const date = `${pad(y > 0 ? y : 1 - y, 4)}-${pad(at.getUTCMonth() + 1, 2)}-${pad(at.getUTCDate(), 2)}`;
  const time = `${pad(at.getUTCHours(), 2)}:${pad(at.getUTCMinutes(), 2)}:${pad(second, 2)}${fraction}`;
  return `${date} ${time}+00${y > 0 ? '' : ' BC'}`;
}

/** {@link toPgTimestamp} for a value the receiver cannot do without (the ordering key of the mirror). */
export function requirePgTimestamp(iso: string): string {
  const value = toPgTimestamp(iso);
  if (value === undefined) throw new RangeError('occurredAt is not an ISO-8601 date-time');
  return value;
}

const PG_OUTPUT =
  /^(\d{4,})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?( BC)?$/;

/**
 * Reads a `timestamptz` as PostgreSQL prints it (DateStyle ISO, any session time zone, BC years included)
 * into a Date. The drivers' own parsers hand BC years to `new Date(text)`, which cannot read them.
 */
export function parsePgTimestamp(text: string): Date {
  if (text === 'infinity') return new Date(8.64e15);
  if (text === '-infinity') return new Date(-8.64e15);
  const m = PG_OUTPUT.exec(text);
  if (!m) return new Date(Number.NaN);
  const bc = m[12] !== undefined;
  const at = new Date(0);
  at.setUTCFullYear(bc ? 1 - Number(m[1]) : Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const offsetSeconds =
    (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 3600 + Number(m[10] ?? 0) * 60 + Number(m[11] ?? 0));
  at.setUTCHours(
    Number(m[4]),
    Number(m[5]),
    Number(m[6]) - offsetSeconds,
    Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')),
  );
  return at;
}

/** PostgreSQL's type oid of `timestamptz`. */
export const TIMESTAMPTZ_OID = 1184;
