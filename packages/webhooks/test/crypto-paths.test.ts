import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { MIN_SECRET_BYTES, Webhook as NodeWebhook } from '../src/index';
import { VECTOR, vectorHeaders } from './support/vector';
import { importWithoutNodeCrypto } from './support/web-only';

const NOW = 1_760_000_000;
let web: Awaited<ReturnType<typeof importWithoutNodeCrypto>>;

beforeAll(async () => {
  web = await importWithoutNodeCrypto();
});
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW * 1000);
});
afterEach(() => {
  vi.useRealTimers();
});

/** The outcome of a verification: the parsed body, or the error code. */
type Outcome = { ok: unknown } | { code: string };

function outcomeOf(run: () => unknown): Outcome {
  try {
    return { ok: run() };
  } catch (error) {
    return { code: (error as { code: string }).code };
  }
}

async function outcomeOfAsync(run: () => Promise<unknown>): Promise<Outcome> {
  return run().then(
    (ok) => ({ ok }),
    (error: { code: string }) => ({ code: error.code }),
  );
}

const secret = fc.uint8Array({ minLength: MIN_SECRET_BYTES, maxLength: 64 });
const msgId = fc.string({ minLength: 1, maxLength: 30 }).filter((id) => !/[\s,]/.test(id));
const timestamp = fc.integer({ min: NOW - 400, max: NOW + 400 });
const jsonBytes = fc.json({ maxDepth: 2 }).map((json) => new TextEncoder().encode(json));
const payload = fc.oneof(jsonBytes, fc.uint8Array({ maxLength: 64 }));

describe('on a runtime without node:crypto', () => {
  it('verifyAsync and signAsync run on Web Crypto and agree with the published vector', async () => {
    vi.setSystemTime(VECTOR.timestamp * 1000);
    const webhook = new web.Webhook(VECTOR.secret);
    await expect(webhook.signAsync(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).resolves.toBe(
      VECTOR.signature,
    );
    await expect(webhook.verifyAsync(VECTOR.payload, new Headers(vectorHeaders()))).resolves.toEqual({
      test: 2432232314,
    });
  });

  it('verify and sign throw a clear error naming the async alternative', () => {
    const webhook = new web.Webhook(VECTOR.secret);
    expect(() => webhook.verify(VECTOR.payload, vectorHeaders())).toThrow(
      'No node:crypto here: use verifyAsync()',
    );
    expect(() => webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toThrow(/use signAsync\(\)/);
  });
});

describe('the node:crypto and Web Crypto paths behave as one', () => {
  it('sign the same and reach the same outcome on random deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(
        secret,
        msgId,
        timestamp,
        payload,
        fc.boolean(),
        async (key, id, ts, body, tamperSignature) => {
          const onNode = new NodeWebhook(key);
          const onWeb = new web.Webhook(key);
          const signed = onNode.signHeaders(id, ts, body);
          const signature = signed['webhook-signature'];
          expect(await onWeb.signAsync(id, ts, body)).toBe(signature);
          expect(await onWeb.signHeadersAsync(id, ts, body)).toEqual(signed);
          const headers = {
            ...signed,
            'webhook-signature': tamperSignature ? `v1,${signature.slice(4)}` : signature,
          };
          const expected = outcomeOf(() => onNode.verify(body, headers));
          expect(await outcomeOfAsync(() => onNode.verifyAsync(body, headers))).toEqual(expected);
          expect(await outcomeOfAsync(() => onWeb.verifyAsync(body, headers))).toEqual(expected);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('reject any single-byte change to the body, id, timestamp or signature', async () => {
    const part = fc.constantFrom('body', 'id', 'timestamp', 'signature');
    await fc.assert(
      fc.asyncProperty(
        secret,
        msgId,
        fc.integer({ min: NOW - 300, max: NOW + 300 }),
        jsonBytes,
        part,
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        async (key, id, ts, body, which, position, delta) => {
          const onNode = new NodeWebhook(key);
          const onWeb = new web.Webhook(key);
          const fields = { id, ts: String(ts), signature: onNode.sign(id, ts, body), body };
          const changeByte = (bytes: Uint8Array) => {
            const changed = bytes.slice();
            const i = position % changed.length;
            changed[i] = (changed[i]! + delta) % 256;
            return changed;
          };
          const changeText = (text: string) => {
            const bytes = changeByte(new TextEncoder().encode(text));
            return String.fromCharCode(...bytes); // every byte kept, as a header value of latin-1 characters
          };
          if (which === 'body') fields.body = changeByte(body);
          if (which === 'id') fields.id = changeText(id);
          if (which === 'timestamp') fields.ts = changeText(fields.ts);
          if (which === 'signature') fields.signature = changeText(fields.signature);
          const headers = {
            'webhook-id': fields.id,
            'webhook-timestamp': fields.ts,
            'webhook-signature': fields.signature,
          };

          const node = outcomeOf(() => onNode.verify(fields.body, headers));
          expect(node).toHaveProperty('code');
          expect(await outcomeOfAsync(() => onWeb.verifyAsync(fields.body, headers))).toEqual(node);
        },
      ),
      { numRuns: 300 },
    );
  });
});
