import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkSessionSecret, createSealer, generateSessionSecret } from '../src/index';

describe('session secrets', () => {
  it('accepts what the error tells you to generate: 32 random bytes as base64, base64url or hex', () => {
    for (let i = 0; i < 200; i++) {
      for (const secret of [
        generateSessionSecret(),
        randomBytes(32).toString('base64'),
        randomBytes(32).toString('base64url'),
        randomBytes(32).toString('hex'),
      ]) {
        expect(checkSessionSecret(secret)).toBeUndefined();
      }
    }
    expect(generateSessionSecret()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('refuses any secret that cannot hold 256 bits, by its alphabet', () => {
    for (const weak of [
      randomBytes(16).toString('hex'), // 32 hex characters: 128 bits
      randomBytes(24).toString('base64url'), // 32 base64url characters: 192 bits
      'x'.repeat(32), // the 32 characters that used to be enough
      'é'.repeat(15), // 30 UTF-8 bytes
    ]) {
      expect(checkSessionSecret(weak)).toMatch(/at most \d+ bits .*at least 256 bits/);
    }
  });

  it('refuses long secrets that are visibly predictable', () => {
    for (const weak of ['x'.repeat(64), 'abcd'.repeat(16), '0'.repeat(63) + '1', 'ab'.repeat(40)]) {
      expect(checkSessionSecret(weak)).toMatch(/too predictable/);
    }
  });

  it('says why and how to make a good one, and never repeats the secret', () => {
    const secret = 'correct-horse-battery';
    const message = (() => {
      try {
        createSealer(secret);
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/^sessionSecret is refused: /);
    expect(message).toContain('openssl rand -base64 32');
    expect(message).toContain('generateSessionSecret()');
    expect(message).not.toContain(secret);
    expect(checkSessionSecret(undefined)).toMatch(/non-empty string/);
  });
});
