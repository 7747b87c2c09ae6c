import { describe, expect, it } from 'vitest';
import { InvalidWebhookSecretError, Webhook } from '../src/index';
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
    const raw = new Uint8Array([0xfb, 0xff, 0xbf, 0xfb, 0xff]);
    const expected = new Webhook(raw).sign('m', 1, '{}');
    for (const key of ['whk_-_-_-_8', 'whk_-_-_-_8='])
      expect(new Webhook(key).sign('m', 1, '{}')).toBe(expected);
    expect(new Webhook('whsec_+/+/+/8=').sign('m', 1, '{}')).toBe(expected);
  });

  it('copies raw key bytes, so later changes to the caller’s array do not change the key', () => {
    const raw = KEY_BYTES.slice();
    const webhook = new Webhook(raw);
    raw.fill(0);
    expect(webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);
  });
});

describe('malformed secrets fail at construction', () => {
  const SECRET_BODY = 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  it.each([
    ['an empty string', '', /^Webhook secret is empty$/],
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
    ['a number', 42, /must be a string or Uint8Array/],
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
