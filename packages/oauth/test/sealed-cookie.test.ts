import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSealer, generateSessionSecret } from '../src/index';

const SECRET = 'a-session-secret-of-at-least-32-characters!';
afterEach(() => {
  vi.useRealTimers();
});

describe('createSealer', () => {
  it('round-trips a value in a versioned, URL-safe form that hides it', async () => {
    const sealer = createSealer(SECRET);
    const sealed = await sealer.seal(
      { token: 'top-secret-token' },
      { purpose: 'session', maxAgeSeconds: 60 },
    );
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(sealed).not.toContain('top-secret-token');
    expect(await sealer.unseal(sealed, 'session')).toEqual({ token: 'top-secret-token' });
  });

  it('uses a fresh IV each time', async () => {
    const sealer = createSealer(SECRET);
    const a = await sealer.seal('x', { purpose: 'p', maxAgeSeconds: 60 });
    const b = await sealer.seal('x', { purpose: 'p', maxAgeSeconds: 60 });
    expect(a).not.toBe(b);
  });

  it('refuses every single-character change', async () => {
    const sealer = createSealer(SECRET);
    const sealed = await sealer.seal({ admin: false }, { purpose: 'p', maxAgeSeconds: 60 });
    for (let i = 3; i < sealed.length; i += 7) {
      const changed = `${sealed.slice(0, i)}${sealed[i] === 'A' ? 'B' : 'A'}${sealed.slice(i + 1)}`;
      expect(await sealer.unseal(changed, 'p')).toBeUndefined();
    }
  });

  it('refuses another purpose, another secret, an unknown version and garbage', async () => {
    const sealer = createSealer(SECRET);
    const sealed = await sealer.seal(1, { purpose: 'p', maxAgeSeconds: 60 });
    expect(await sealer.unseal(sealed, 'q')).toBeUndefined();
    expect(await createSealer(generateSessionSecret()).unseal(sealed, 'p')).toBeUndefined();
    expect(await sealer.unseal(sealed.replace(/^v1/, 'v2'), 'p')).toBeUndefined();
    for (const junk of ['', 'v1.', 'v1.!!!', 'v1.AAAA', 'nonsense'])
      expect(await sealer.unseal(junk, 'p')).toBeUndefined();
  });

  it('refuses a value past its max age, whatever the cookie says', async () => {
    const sealer = createSealer(SECRET);
    const sealed = await sealer.seal('x', { purpose: 'p', maxAgeSeconds: 60 });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    expect(await sealer.unseal(sealed, 'p')).toBeUndefined();
  });

  it('unseals with any listed secret and seals with the first', async () => {
    const old = createSealer(SECRET);
    const rotated = createSealer([generateSessionSecret(), SECRET]);
    expect(await rotated.unseal(await old.seal('x', { purpose: 'p', maxAgeSeconds: 60 }), 'p')).toBe('x');
    expect(
      await old.unseal(await rotated.seal('y', { purpose: 'p', maxAgeSeconds: 60 }), 'p'),
    ).toBeUndefined();
  });

  it('refuses weak or missing secrets, naming which one of a list', () => {
    expect(() => createSealer('short')).toThrow(/sessionSecret is refused: it can hold at most/);
    expect(() => createSealer([])).toThrow(/list of secrets is empty/);
    expect(() => createSealer([SECRET, 'x'.repeat(64)])).toThrow(
      /sessionSecret\[1\] is refused: it is too predictable/,
    );
  });
});
