import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { constantTimeEqual } from '../src/index';
import { importWithoutNodeCrypto } from './support/web-only';

describe('constantTimeEqual', () => {
  it('tells equal strings and bytes from different ones', () => {
    expect(constantTimeEqual('v1,abc=', 'v1,abc=')).toBe(true);
    expect(constantTimeEqual('v1,abc=', 'v1,abd=')).toBe(false);
    expect(constantTimeEqual('', '')).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 3]))).toBe(true);
    expect(constantTimeEqual(new Uint8Array([1, 2, 3]), new Uint8Array([1, 2, 4]))).toBe(false);
  });

  it('answers false, rather than throwing, for different lengths, either way round', () => {
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
    expect(constantTimeEqual('abcd', 'abc')).toBe(false);
    expect(constantTimeEqual('', 'a')).toBe(false);
    expect(constantTimeEqual(new Uint8Array(2), new Uint8Array(3))).toBe(false);
    expect(constantTimeEqual(new Uint8Array(3), new Uint8Array(2))).toBe(false);
    // a prefix padded with what an out-of-range read gives must not pass
    expect(constantTimeEqual('ab', 'ab\u0000')).toBe(false);
    expect(constantTimeEqual(new Uint8Array([7]), new Uint8Array([7, 0]))).toBe(false);
  });

  it('compares a string against bytes as its UTF-8 encoding, and takes Buffers', () => {
    expect(constantTimeEqual('Zürich', new TextEncoder().encode('Zürich'))).toBe(true);
    expect(constantTimeEqual(Buffer.from('Zürich'), 'Zürich')).toBe(true);
    expect(constantTimeEqual('Zurich', Buffer.from('Zürich'))).toBe(false);
  });

  it('agrees with === on random strings and with Buffer#equals on random bytes', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(a === b);
        expect(constantTimeEqual(a, a)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.uint8Array({ maxLength: 40 }), (a, b) => {
        expect(constantTimeEqual(a, b)).toBe(Buffer.from(a).equals(Buffer.from(b)));
      }),
    );
  });

  it('runs where there is no node:crypto', async () => {
    const web = await importWithoutNodeCrypto();
    expect(web.constantTimeEqual('whk_a', 'whk_a')).toBe(true);
    expect(web.constantTimeEqual(new Uint8Array([1]), new Uint8Array([2]))).toBe(false);
  });
});
