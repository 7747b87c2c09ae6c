import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { describe, expect, it } from 'vitest';
import { generateSecret, WEBHOOK_HEADERS, Webhook } from '../src/index';
import { EVENT, SECRET } from './support/deliveries';
import { VECTOR, vectorHeaders } from './support/vector';

const whsecOf = (whk: string) =>
  `whsec_${Buffer.from(whk.slice('whk_'.length), 'base64url').toString('base64')}`;

describe('signHeaders and signHeadersAsync', () => {
  it('return the three signed headers of the published test vector', async () => {
    const webhook = new Webhook(VECTOR.secret);
    expect(webhook.signHeaders(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toEqual(vectorHeaders());
    await expect(webhook.signHeadersAsync(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).resolves.toEqual(
      vectorHeaders(),
    );
  });

  it('name exactly the headers of WEBHOOK_HEADERS', () => {
    const headers = new Webhook(SECRET).signHeaders(EVENT.id, 1_760_000_000, '{}');
    expect(Object.keys(headers)).toEqual(Object.values(WEBHOOK_HEADERS));
    expect(WEBHOOK_HEADERS).toEqual({
      id: 'webhook-id',
      timestamp: 'webhook-timestamp',
      signature: 'webhook-signature',
    });
    expect(Object.isFrozen(WEBHOOK_HEADERS)).toBe(true);
  });

  it('make a request that standardwebhooks and svix verify (a Date timestamp is rounded down)', () => {
    const body = JSON.stringify(EVENT);
    const headers = new Webhook(SECRET).signHeaders(EVENT.id, new Date(Date.now() + 999), body);
    expect(headers['webhook-timestamp']).toMatch(/^\d+$/);
    expect(new StandardWebhook(whsecOf(SECRET)).verify(body, headers)).toEqual(EVENT);
    expect(new SvixWebhook(whsecOf(SECRET)).verify(body, headers)).toEqual(EVENT);
  });

  it('sign with every secret of a rotation, in order, as Listo does while a key is rotated', async () => {
    const next = generateSecret();
    const rotating = new Webhook([next, SECRET]);
    const now = Math.floor(Date.now() / 1000);
    const headers = rotating.signHeaders(EVENT.id, now, '{}');
    expect(headers['webhook-signature']).toBe(
      `${new Webhook(next).sign(EVENT.id, now, '{}')} ${new Webhook(SECRET).sign(EVENT.id, now, '{}')}`,
    );
    await expect(rotating.signHeadersAsync(EVENT.id, now, '{}')).resolves.toEqual(headers);
    // A receiver that knows either key alone accepts the delivery.
    expect(new StandardWebhook(whsecOf(SECRET)).verify('{}', headers)).toEqual({});
    expect(new Webhook(next).verify('{}', headers)).toEqual({});
  });

  it('refuse a timestamp that is not a non-negative number of seconds', async () => {
    const webhook = new Webhook(SECRET);
    expect(() => webhook.signHeaders(EVENT.id, -1, '{}')).toThrow(TypeError);
    await expect(webhook.signHeadersAsync(EVENT.id, Number.NaN, '{}')).rejects.toThrow(TypeError);
  });
});

describe('generateSecret', () => {
  it('returns a Listo-style whk_ key of 32 random bytes in unpadded base64url', () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^whk_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice(4), 'base64url')).toHaveLength(32);
  });

  it('returns a different key every time', () => {
    const secrets = new Set(Array.from({ length: 1000 }, generateSecret));
    expect(secrets.size).toBe(1000);
  });

  it('returns keys that this package signs with and the reference library verifies', () => {
    for (let i = 0; i < 50; i++) {
      const secret = generateSecret();
      const headers = new Webhook(secret).signHeaders(EVENT.id, new Date(), '{"ok":true}');
      expect(new StandardWebhook(whsecOf(secret)).verify('{"ok":true}', headers)).toEqual({ ok: true });
    }
  });
});
