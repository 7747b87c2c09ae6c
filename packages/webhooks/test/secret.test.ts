import { runInNewContext } from 'node:vm';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateSecret, InvalidWebhookSecretError, MIN_SECRET_BYTES, Webhook } from '../src/index';
import { VECTOR, VECTOR_WHK } from './support/vector';

const KEY_BYTES = Uint8Array.from(atob(VECTOR.secret.slice('whsec_'.length)), (c) => c.charCodeAt(0));

/** The message thrown by `new Webhook(secret)`, after checking it is an InvalidWebhookSecretError. */
function constructionError(secret: unknown): string {
  try {
    new Webhook(secret as string);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidWebhookSecretError);
    expect(error).toBeInstanceOf(TypeError);
    return (error as Error).message;
  }
  throw new Error('expected the constructor to throw');
}

describe('accepted secrets', () => {
  it('signs the same with a whsec_ key, the same key as whk_, and its raw bytes', () => {
    const signatures = [VECTOR.secret, VECTOR_WHK, KEY_BYTES].map((secret) =>
      new Webhook(secret).sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload),
    );
    expect(signatures).toEqual([VECTOR.signature, VECTOR.signature, VECTOR.signature]);
  });

  it('reads whk_ keys as base64url, padded or not', () => {
    // 0xfb 0xff 0xbf encodes to "+/+/" in base64 and "-_-_" in base64url; 0xfb 0xff to "-_8" (+ "=").
    const raw = new Uint8Array([...Array.from({ length: 8 }, () => [0xfb, 0xff, 0xbf]).flat(), 0xfb, 0xff]);
    const expected = new Webhook(raw).sign('m', 1, '{}');
    const whk = `whk_${'-_-_'.repeat(8)}-_8`;
    for (const key of [whk, `${whk}=`]) expect(new Webhook(key).sign('m', 1, '{}')).toBe(expected);
    expect(new Webhook(`whsec_${'+/+/'.repeat(8)}+/8=`).sign('m', 1, '{}')).toBe(expected);
  });
});

describe('raw key bytes are copied', () => {
  /** Signs the vector with a key given as `bytes`, after the caller zeroed the memory behind them. */
  function signAfterZeroing(bytes: Uint8Array, memory: { fill(value: number): unknown } = bytes): string {
    const webhook = new Webhook(bytes);
    memory.fill(0);
    return webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload);
  }

  it('from a Uint8Array', () => {
    expect(signAfterZeroing(KEY_BYTES.slice())).toBe(VECTOR.signature);
  });

  it('from a Buffer, whose slice() is a view rather than a copy', () => {
    expect(signAfterZeroing(Buffer.from(KEY_BYTES))).toBe(VECTOR.signature);
    const pooled = Buffer.alloc(64);
    pooled.set(KEY_BYTES, 8);
    expect(signAfterZeroing(pooled.subarray(8, 8 + KEY_BYTES.length), pooled)).toBe(VECTOR.signature);
  });

  it('from views into a larger buffer (subarray, or a Uint8Array over an ArrayBuffer)', () => {
    const memory = new Uint8Array(KEY_BYTES.length + 16);
    memory.set(KEY_BYTES, 16);
    expect(signAfterZeroing(memory.subarray(16), memory)).toBe(VECTOR.signature);
    memory.set(KEY_BYTES, 16);
    expect(signAfterZeroing(new Uint8Array(memory.buffer, 16), memory)).toBe(VECTOR.signature);
  });

  it('from each secret of a rotation list', () => {
    const first = Buffer.from(KEY_BYTES);
    const webhook = new Webhook([first, Buffer.from(generateSecret().slice(4), 'base64url')]);
    first.fill(0);
    expect(webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);
  });

  it('from another realm (a node:vm context, as in Jest), where instanceof Uint8Array fails', () => {
    const foreign = runInNewContext('new Uint8Array(bytes)', { bytes: [...KEY_BYTES] }) as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(signAfterZeroing(foreign)).toBe(VECTOR.signature);
  });
});

describe('weak secrets fail at construction', () => {
  const short = (bytes: number) => `whk_${Buffer.alloc(bytes, 7).toString('base64url')}`;

  it.each([1, 16, MIN_SECRET_BYTES - 1])('refuses a key of %i bytes, saying why and how to make one', (n) => {
    const message = constructionError(short(n));
    expect(message).toMatch(
      new RegExp(`^Webhook secret is too short: ${n} bytes?, where a key needs at least 24 random bytes`),
    );
    expect(message).toContain('generateSecret()');
    expect(message).toContain('echo "whsec_$(openssl rand -base64 32)"');
    expect(message).not.toContain(short(n).slice(4));
  });

  it('refuses short whsec_ keys and short raw bytes alike', () => {
    expect(constructionError(`whsec_${Buffer.alloc(8).toString('base64')}`)).toMatch(/too short: 8 bytes/);
    expect(constructionError(new Uint8Array(20))).toMatch(/too short: 20 bytes/);
    expect(() => new Webhook([VECTOR.secret, short(4)])).toThrow(/^Webhook secret #2 is too short/);
  });

  it('accepts the minimum, 24 bytes (the Standard Webhooks minimum and the size Svix generates)', () => {
    expect(MIN_SECRET_BYTES).toBe(24);
    expect(() => new Webhook(short(24))).not.toThrow();
    expect(() => new Webhook(new Uint8Array(24))).not.toThrow();
    // The published test vector's key is 24 bytes, in both forms.
    expect(KEY_BYTES).toHaveLength(24);
    expect(() => new Webhook(VECTOR.secret)).not.toThrow();
    expect(() => new Webhook(VECTOR_WHK)).not.toThrow();
  });

  it('accepts every key size from 24 to 64 bytes that the reference library takes', () => {
    for (let n = 24; n <= 64; n++) {
      const whsec = `whsec_${Buffer.alloc(n, n).toString('base64')}`;
      new StandardWebhook(whsec);
      expect(() => new Webhook(whsec)).not.toThrow();
      expect(() => new Webhook(`whk_${Buffer.alloc(n, n).toString('base64url')}`)).not.toThrow();
    }
  });

  it('accepts what generateSecret returns, and what the suggested shell one-liner prints', async () => {
    expect(() => new Webhook(generateSecret())).not.toThrow();
    const { execFileSync } = await import('node:child_process');
    const fromShell = execFileSync('sh', ['-c', 'echo "whsec_$(openssl rand -base64 32)"'], {
      encoding: 'utf8',
    }).trim();
    expect(fromShell).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(() => new Webhook(fromShell)).not.toThrow();
    expect(() => new StandardWebhook(fromShell)).not.toThrow();
  });
});

describe('a missing secret', () => {
  it('names the likely cause of undefined, null or an empty string: an unset variable', () => {
    for (const secret of [undefined, null])
      expect(constructionError(secret)).toBe(
        `Webhook secret must be a string or Uint8Array, but got ${secret === null ? 'null' : 'undefined'} — is LISTO_WEBHOOK_SECRET (or your secret’s variable) set?`,
      );
    expect(constructionError('')).toBe(
      'Webhook secret is empty — is LISTO_WEBHOOK_SECRET (or your secret’s variable) set?',
    );
  });

  it('says which entry of a rotation list is missing', () => {
    expect(() => new Webhook([VECTOR.secret, undefined as unknown as string])).toThrow(
      /^Webhook secret #2 must be a string or Uint8Array, but got undefined — is LISTO_WEBHOOK_SECRET/,
    );
  });
});

describe('malformed secrets fail at construction', () => {
  const SECRET_BODY = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  it.each([
    ['an empty string', '', /^Webhook secret is empty — /],
    ['a bare prefix', 'whk_', /^Webhook secret is empty$/],
    ['empty bytes', new Uint8Array(0), /^Webhook secret is empty$/],
    [
      'a base64 character in a whk_ key',
      `whk_${SECRET_BODY.slice(0, 10)}+${SECRET_BODY.slice(11)}`,
      /is not valid base64url$/,
    ],
    [
      'a base64url character in a whsec_ key',
      `whsec_${SECRET_BODY.slice(0, 10)}_${SECRET_BODY.slice(11)}`,
      /is not valid base64$/,
    ],
    [
      'another character in a whk_ key',
      `whk_${SECRET_BODY.slice(0, 10)}!${SECRET_BODY.slice(11)}`,
      /is not valid base64url$/,
    ],
    ['a pasted signature', VECTOR.signature, /is a signature \("v1,…"\), not a key/],
    ['a trailing newline', `${VECTOR.secret}\n`, /contains whitespace \(a trailing newline\?\)/],
    ['a leading space', ` ${VECTOR.secret}`, /contains whitespace/],
    [
      'a key without a prefix',
      SECRET_BODY,
      /needs a "whk_" or "whsec_" prefix \(add "whsec_" to a bare base64 key\)/,
    ],
    ['an impossible length', `whk_${SECRET_BODY}A`, /is not valid base64url$/],
    ['too much padding', `whsec_${SECRET_BODY}==`, /is not valid base64$/],
    ['padding that does not complete a group', 'whk_AAAAAA=', /is not valid base64url$/],
    [
      'padding in the middle',
      `whsec_${SECRET_BODY.slice(0, 8)}=${SECRET_BODY.slice(8)}`,
      /is not valid base64$/,
    ],
    ['a number', 42, /must be a string or Uint8Array, but got number$/],
  ])('rejects %s with a helpful message', (_, secret, message) => {
    expect(constructionError(secret)).toMatch(message);
  });

  it('never echoes the secret in the message', () => {
    for (const secret of [
      `${VECTOR.secret}\n`,
      `whk_${SECRET_BODY}A`,
      `whsec_${SECRET_BODY.slice(0, 10)}_${SECRET_BODY.slice(11)}`,
      SECRET_BODY,
    ]) {
      const message = constructionError(secret);
      expect(message).not.toContain(SECRET_BODY.slice(0, 6));
      expect(message).not.toContain(SECRET_BODY.slice(-6));
    }
  });

  it('names the faulty secret of a rotation list and rejects an empty list', () => {
    expect(() => new Webhook([VECTOR.secret, 'whk_a b'])).toThrow(/^Webhook secret #2 contains whitespace/);
    expect(() => new Webhook([])).toThrow(InvalidWebhookSecretError);
  });

  it('rejects a negative or non-finite tolerance', () => {
    expect(() => new Webhook(VECTOR.secret, { toleranceInSeconds: -1 })).toThrow(RangeError);
    expect(() => new Webhook(VECTOR.secret, { toleranceInSeconds: Number.NaN })).toThrow(RangeError);
    expect(() => new Webhook(VECTOR.secret, { toleranceInSeconds: Number.POSITIVE_INFINITY })).toThrow(
      RangeError,
    );
  });
});
