import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertId, ID_KINDS, ID_PREFIXES, type IdKind, InvalidIdError, idKind, isId } from '../src/index';

const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const validSuffix = fc.string({ unit: fc.constantFrom(...URL_SAFE), minLength: 1, maxLength: 40 });
const kind = fc.constantFrom(...ID_KINDS);

describe('ID_PREFIXES', () => {
  it('names the prefix of every kind of public Listo ID', () => {
    expect(ID_PREFIXES).toEqual({
      client: 'lglsocli_',
      worker: 'lglsowpr_',
      workerProfile: 'lglsowpf_',
      user: 'lglsousr_',
      event: 'lglsoevt_',
      contract: 'lglsoctc_',
      organizationUnit: 'lglsoorgu_',
      organizationLocation: 'lglsoorgl_',
      installation: 'inst_',
    });
  });

  it('cannot be changed at run time, so no caller can change what an ID is', () => {
    expect(() => {
      (ID_PREFIXES as Record<string, string>).client = '';
    }).toThrow(TypeError);
    expect(isId('client', 'x')).toBe(false);
  });

  it('has no prefix that starts another, so an ID has at most one kind', () => {
    for (const a of ID_KINDS)
      for (const b of ID_KINDS) {
        if (a !== b) expect(ID_PREFIXES[a].startsWith(ID_PREFIXES[b])).toBe(false);
      }
  });
});

describe('isId', () => {
  it.each(ID_KINDS)('accepts a %s ID made of its prefix and a URL-safe suffix', (k) => {
    expect(isId(k, `${ID_PREFIXES[k]}uZIIHfKqYBwyaRGGs`)).toBe(true);
    expect(isId(k, `${ID_PREFIXES[k]}a-b_C9`)).toBe(true);
  });

  it('accepts the samples from the guides', () => {
    expect(isId('client', 'lglsocli_uZIIHfKqYBwyaRGGs')).toBe(true);
    expect(isId('worker', 'lglsowpr_uZIIQiu8Q5zhUXgbR')).toBe(true);
    expect(isId('event', 'lglsoevt_uZJK2rPmA1nGqvE5w')).toBe(true);
    expect(isId('installation', 'inst_abc123xyz')).toBe(true);
  });

  it('rejects a bare prefix (an empty suffix)', () => {
    for (const k of ID_KINDS) expect(isId(k, ID_PREFIXES[k])).toBe(false);
  });

  it('is case-sensitive on the prefix', () => {
    expect(isId('client', 'LGLSOCLI_abc')).toBe(false);
    expect(isId('client', 'Lglsocli_abc')).toBe(false);
    expect(isId('installation', 'INST_abc')).toBe(false);
  });

  it('rejects suffixes with characters outside [A-Za-z0-9_-]', () => {
    for (const bad of ['a b', 'a/b', 'a.b', 'a+b', 'a=b', 'é', 'a\u0000', 'a\n', '../x', '%2F', 'a?b=c']) {
      expect(isId('client', `lglsocli_${bad}`)).toBe(false);
    }
  });

  it('rejects leading or trailing whitespace rather than trimming it', () => {
    expect(isId('client', ' lglsocli_abc')).toBe(false);
    expect(isId('client', 'lglsocli_abc ')).toBe(false);
    expect(isId('client', 'lglsocli_abc\n')).toBe(false);
    expect(isId('client', '\tlglsocli_abc')).toBe(false);
  });

  it('tells organization units (lglsoorgu_) from organization locations (lglsoorgl_)', () => {
    expect(isId('organizationUnit', 'lglsoorgu_uVwPa92qXz')).toBe(true);
    expect(isId('organizationLocation', 'lglsoorgu_uVwPa92qXz')).toBe(false);
    expect(isId('organizationLocation', 'lglsoorgl_uTpQa83jYx')).toBe(true);
    expect(isId('organizationUnit', 'lglsoorgl_uTpQa83jYx')).toBe(false);
  });

  it('rejects an ID of another kind', () => {
    expect(isId('worker', 'lglsowpf_abc')).toBe(false);
    expect(isId('workerProfile', 'lglsowpr_abc')).toBe(false);
  });

  it('never throws on non-strings or an unknown kind', () => {
    for (const value of [
      undefined,
      null,
      0,
      1n,
      {},
      [],
      Symbol('x'),
      () => 'lglsocli_x',
      new String('lglsocli_x'),
    ]) {
      expect(isId('client', value)).toBe(false);
    }
    expect(isId('nope' as IdKind, 'lglsocli_x')).toBe(false);
    expect(isId('toString' as IdKind, 'lglsocli_x')).toBe(false);
    expect(isId('__proto__' as IdKind, 'lglsocli_x')).toBe(false);
  });

  it('holds exactly when the suffix is URL-safe and non-empty (property)', () => {
    fc.assert(
      fc.property(kind, fc.string({ maxLength: 40 }), (k, suffix) => {
        const expected = suffix.length > 0 && /^[A-Za-z0-9_-]+$/.test(suffix);
        expect(isId(k, `${ID_PREFIXES[k]}${suffix}`)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('idKind', () => {
  it.each(ID_KINDS)('returns %s for an ID of that kind', (k) => {
    expect(idKind(`${ID_PREFIXES[k]}abc`)).toBe(k);
  });

  it('returns undefined for anything that is not a valid ID', () => {
    for (const value of [
      '',
      'abc',
      'lglsocli_',
      'lglsocli_a b',
      'LGLSOCLI_abc',
      ' inst_x',
      42,
      null,
      undefined,
      {},
    ]) {
      expect(idKind(value)).toBeUndefined();
    }
  });

  it('returns the kind of every generated valid ID (property)', () => {
    fc.assert(
      fc.property(kind, validSuffix, (k, suffix) => {
        expect(idKind(`${ID_PREFIXES[k]}${suffix}`)).toBe(k);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('assertId', () => {
  it('returns a valid ID unchanged', () => {
    expect(assertId('user', 'lglsousr_uXYZxLtq9ABvCdEf2')).toBe('lglsousr_uXYZxLtq9ABvCdEf2');
  });

  it('throws a named InvalidIdError whose message names the expected prefix', () => {
    let error: unknown;
    try {
      assertId('worker', 'lglsocli_abc');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidIdError);
    expect(error).toBeInstanceOf(TypeError);
    const e = error as InvalidIdError;
    expect(e.name).toBe('InvalidIdError');
    expect(e.kind).toBe('worker');
    expect(e.expectedPrefix).toBe('lglsowpr_');
    expect(e.message).toContain('"lglsowpr_"');
  });

  it('shows at most a short excerpt of the bad value', () => {
    const secretLooking = `lglsocli_${'s3cr3t'.repeat(20)}!`;
    try {
      assertId('client', secretLooking);
      expect.unreachable();
    } catch (e) {
      const message = (e as Error).message;
      expect(message).not.toContain(secretLooking);
      expect(message).not.toContain('s3cr3ts3cr3t');
      expect(message).toContain(`${secretLooking.length} characters`);
    }
  });

  it('describes non-strings by type without throwing anything but InvalidIdError', () => {
    expect(() => assertId('event', undefined)).toThrow(/got undefined/);
    expect(() => assertId('event', null)).toThrow(/got null/);
    expect(() => assertId('event', 12)).toThrow(/got number/);
    expect(() => assertId('event', '')).toThrow(/got an empty string/);
  });
});
