import { describe, expect, it } from 'vitest';
import { generateId, ID_KINDS, idKind, isId } from '../src/index';

describe('generateId', () => {
  it.each(ID_KINDS)('makes a valid %s ID that idKind recognises', (kind) => {
    const id = generateId(kind);
    expect(isId(kind, id)).toBe(true);
    expect(idKind(id)).toBe(kind);
  });

  it("shapes the suffix like Listo's own IDs: 'u' and 16 alphanumeric characters", () => {
    expect(generateId('client')).toMatch(/^lglsocli_u[A-Za-z0-9]{16}$/);
  });

  it('never repeats itself across many draws', () => {
    const ids = new Set(Array.from({ length: 5000 }, () => generateId('event')));
    expect(ids.size).toBe(5000);
  });

  it('uses every character of the alphabet about equally often (no modulo bias)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++)
      for (const char of generateId('worker').slice('lglsowpr_u'.length))
        counts.set(char, (counts.get(char) ?? 0) + 1);
    expect(counts.size).toBe(62);
    // 64,000 characters over 62 symbols: about 1,032 each; a biased draw would skew the first 8 by ~25 %.
    for (const count of counts.values()) expect(count).toBeGreaterThan(800);
  });

  it('draws from a given source, so a seeded source gives the same IDs every time', () => {
    const seeded = (seed: number) => (length: number) => {
      const bytes = new Uint8Array(length);
      for (let i = 0; i < length; i++) {
        seed = (seed * 1103515245 + 12345) >>> 0;
        bytes[i] = seed >>> 24;
      }
      return bytes;
    };
    const a = seeded(7);
    const b = seeded(7);
    const first = [generateId('client', { randomBytes: a }), generateId('worker', { randomBytes: a })];
    expect([generateId('client', { randomBytes: b }), generateId('worker', { randomBytes: b })]).toEqual(
      first,
    );
    expect(isId('client', first[0])).toBe(true);
  });
});
