import fc from 'fast-check';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { Webhook as SvixWebhook } from 'svix';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_SECRET_BYTES, Webhook } from '../src/index';
import { VECTOR, VECTOR_WHK, vectorHeaders } from './support/vector';

const NOW = 1_760_000_000;

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

const key = fc.uint8Array({ minLength: MIN_SECRET_BYTES, maxLength: 64 });
const msgId = fc.string({ minLength: 1, maxLength: 40 }).filter((id) => !/[\s,]/.test(id));
const body = fc.json({ maxDepth: 3 });
const skew = fc.integer({ min: -300, max: 300 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW * 1000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the published Standard Webhooks test vector', () => {
  it('is reproduced by the reference library, sign and signAsync', async () => {
    const date = new Date(VECTOR.timestamp * 1000);
    expect(new StandardWebhook(VECTOR.secret).sign(VECTOR.msgId, date, VECTOR.payload)).toBe(
      VECTOR.signature,
    );
    expect(new Webhook(VECTOR.secret).sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toBe(
      VECTOR.signature,
    );
    expect(new Webhook(VECTOR_WHK).sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toBe(
      VECTOR.signature,
    );
    await expect(new Webhook(VECTOR.secret).signAsync(VECTOR.msgId, date, VECTOR.payload)).resolves.toBe(
      VECTOR.signature,
    );
  });

  it('verifies with both verifiers, as with the reference library', async () => {
    vi.setSystemTime(VECTOR.timestamp * 1000);
    const expected = new StandardWebhook(VECTOR.secret).verify(VECTOR.payload, vectorHeaders());
    expect(new Webhook(VECTOR.secret).verify(VECTOR.payload, vectorHeaders())).toEqual(expected);
    await expect(new Webhook(VECTOR.secret).verifyAsync(VECTOR.payload, vectorHeaders())).resolves.toEqual(
      expected,
    );
  });
});

describe('agreement with standardwebhooks and svix on random deliveries', () => {
  it('verifies what standardwebhooks (and svix) sign, with the same result', async () => {
    await fc.assert(
      fc.asyncProperty(key, msgId, body, skew, async (secret, id, payload, s) => {
        const theirs = new StandardWebhook(`whsec_${toBase64(secret)}`);
        const ts = NOW + s;
        const headers = {
          'webhook-id': id,
          'webhook-timestamp': String(ts),
          'webhook-signature': theirs.sign(id, new Date(ts * 1000), payload),
        };
        const ours = new Webhook(`whsec_${toBase64(secret)}`);
        const svix = new SvixWebhook(`whsec_${toBase64(secret)}`);
        expect(svix.sign(id, new Date(ts * 1000), payload)).toBe(headers['webhook-signature']);
        const expected = theirs.verify(payload, headers);
        expect(ours.verify(payload, headers)).toEqual(expected);
        expect(ours.verify(Buffer.from(payload), headers)).toEqual(expected);
        expect(await ours.verifyAsync(payload, headers)).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('signs what standardwebhooks and svix verify, byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(key, msgId, body, skew, async (secret, id, payload, s) => {
        const ts = NOW + s;
        const ours = new Webhook(secret);
        const headers = ours.signHeaders(id, ts, payload);
        expect(await ours.signHeadersAsync(id, ts, payload)).toEqual(headers);
        const reference = new StandardWebhook(`whsec_${toBase64(secret)}`);
        expect(reference.sign(id, new Date(ts * 1000), payload)).toBe(headers['webhook-signature']);
        expect(reference.verify(payload, headers)).toEqual(JSON.parse(payload));
        expect(new SvixWebhook(`whsec_${toBase64(secret)}`).verify(payload, headers)).toEqual(
          JSON.parse(payload),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('verifies a Listo whk_ key signed by the reference library as the same bytes', () => {
    const secret = new Uint8Array(32).map((_, i) => (i * 37 + 250) % 256); // bytes that need - and _ in base64url
    const whk = `whk_${Buffer.from(secret).toString('base64url')}`;
    expect(whk).toMatch(/[-_]/);
    const reference = new StandardWebhook(`whsec_${toBase64(secret)}`);
    const payload = '{"type":"client.created"}';
    const headers = {
      'webhook-id': 'lglsoevt_1',
      'webhook-timestamp': String(NOW),
      'webhook-signature': reference.sign('lglsoevt_1', new Date(NOW * 1000), payload),
    };
    expect(new Webhook(whk).verify(payload, headers)).toEqual({ type: 'client.created' });
  });
});

describe('where this verifier is deliberately stricter than the reference library', () => {
  it('refuses timestamps that parseInt would read but that are not plain decimal seconds', () => {
    const reference = new StandardWebhook(VECTOR.secret);
    const ours = new Webhook(VECTOR.secret);
    // The reference signs the parsed number, so it accepts these spellings of the vector's timestamp.
    vi.setSystemTime(VECTOR.timestamp * 1000);
    for (const timestamp of ['1614265330.9', '1614265330abc', ' 1614265330', '01614265330']) {
      const headers = { ...vectorHeaders(), 'webhook-timestamp': timestamp };
      expect(reference.verify(VECTOR.payload, headers)).toEqual({ test: 2432232314 });
      expect(() => ours.verify(VECTOR.payload, headers)).toThrow(
        expect.objectContaining({ code: 'malformed_header' }),
      );
    }
  });
});
