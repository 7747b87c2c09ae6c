import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  generateSecret,
  WEBHOOK_ERROR_STATUS,
  Webhook,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from '../src/index';
import { VECTOR, vectorHeaders } from './support/vector';

const webhook = new Webhook(VECTOR.secret);

/** Runs both verifiers and checks they fail alike; returns the sync error. */
async function failure(
  payload: unknown,
  headers: unknown,
  hook: Webhook = webhook,
): Promise<WebhookVerificationError> {
  let syncError: unknown;
  try {
    hook.verify(payload as string, headers as Record<string, string>);
  } catch (error) {
    syncError = error;
  }
  const asyncError = await hook.verifyAsync(payload as string, headers as Record<string, string>).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(syncError).toBeInstanceOf(WebhookVerificationError);
  expect(asyncError).toBeInstanceOf(WebhookVerificationError);
  const error = syncError as WebhookVerificationError;
  expect((asyncError as WebhookVerificationError).code).toBe(error.code);
  return error;
}

async function expectCode(
  code: WebhookVerificationErrorCode,
  payload: unknown,
  headers: unknown,
): Promise<void> {
  const error = await failure(payload, headers);
  expect(error.code).toBe(code);
  expect(error.status).toBe(WEBHOOK_ERROR_STATUS[code]);
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(VECTOR.timestamp * 1000);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a valid delivery', () => {
  it('returns the parsed JSON body, from both verifiers', async () => {
    expect(webhook.verify(VECTOR.payload, vectorHeaders())).toEqual({ test: 2432232314 });
    await expect(webhook.verifyAsync(VECTOR.payload, vectorHeaders())).resolves.toEqual({ test: 2432232314 });
  });

  it('accepts the payload as a string, a Uint8Array (or a view into a larger buffer), a Buffer or an ArrayBuffer', async () => {
    const bytes = new TextEncoder().encode(VECTOR.payload);
    const inOffsetView = new Uint8Array(bytes.length + 8);
    inOffsetView.set(bytes, 4);
    for (const payload of [
      bytes,
      Buffer.from(VECTOR.payload),
      bytes.buffer,
      inOffsetView.subarray(4, 4 + bytes.length),
    ]) {
      expect(webhook.verify(payload as Uint8Array, vectorHeaders())).toEqual({ test: 2432232314 });
      await expect(webhook.verifyAsync(payload as Uint8Array, vectorHeaders())).resolves.toEqual({
        test: 2432232314,
      });
    }
  });

  it('accepts bytes from another realm (a node:vm context, as in Jest), where instanceof fails', async () => {
    const bytes = [...new TextEncoder().encode(VECTOR.payload)];
    const foreign = runInNewContext(
      `const u8 = new Uint8Array(bytes);
       const padded = new Uint8Array(bytes.length + 4); padded.set(bytes, 2);
       ({ u8, buffer: u8.buffer, view: padded.subarray(2, 2 + bytes.length), dataView: new DataView(u8.buffer) })`,
      { bytes },
    ) as Record<string, Uint8Array>;
    expect(foreign.u8 instanceof Uint8Array).toBe(false);
    for (const payload of Object.values(foreign)) {
      expect(webhook.verify(payload, vectorHeaders())).toEqual({ test: 2432232314 });
      await expect(webhook.verifyAsync(payload, vectorHeaders())).resolves.toEqual({ test: 2432232314 });
    }
    // whereas an object that merely claims to be bytes is still a parsed body
    const fake = runInNewContext('({ [Symbol.toStringTag]: "Uint8Array", length: 0, byteLength: 0 })');
    await expectCode('body_already_parsed', fake, vectorHeaders());
  });

  it('reads Fetch Headers, Node IncomingHttpHeaders with array values, and records in any case', async () => {
    const fetchHeaders = new Headers(vectorHeaders());
    const nodeHeaders = { ...vectorHeaders(), 'webhook-signature': ['v2,abc', VECTOR.signature] };
    const mixedCase = {
      'Webhook-Id': VECTOR.msgId,
      'WEBHOOK-TIMESTAMP': String(VECTOR.timestamp),
      'webhook-Signature': VECTOR.signature,
    };
    for (const headers of [fetchHeaders, nodeHeaders, mixedCase]) {
      expect(webhook.verify(VECTOR.payload, headers)).toEqual({ test: 2432232314 });
      await expect(webhook.verifyAsync(VECTOR.payload, headers)).resolves.toEqual({ test: 2432232314 });
    }
  });

  it('matches any v1 entry of a space-separated list and skips other versions', () => {
    const header = `v1a,${VECTOR.signature.slice(3)} v2,xyz v1,AAAA ${VECTOR.signature}`;
    expect(webhook.verify(VECTOR.payload, vectorHeaders(header))).toEqual({ test: 2432232314 });
  });

  it('reads a signature header repeated and joined with ", " by Fetch or Node', () => {
    const headers = new Headers(vectorHeaders('v1,AAAA'));
    headers.append('webhook-signature', VECTOR.signature);
    expect(headers.get('webhook-signature')).toBe(`v1,AAAA, ${VECTOR.signature}`);
    expect(webhook.verify(VECTOR.payload, headers)).toEqual({ test: 2432232314 });
  });

  it('accepts a delivery signed with any of the secrets given during a rotation', () => {
    const rotating = new Webhook(['whk_bmV3LWtleS1ieXRlcy1mb3Itcm90YXRpb24', VECTOR.secret]);
    expect(rotating.verify(VECTOR.payload, vectorHeaders())).toEqual({ test: 2432232314 });
    // and signs with the first one
    expect(rotating.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).not.toBe(VECTOR.signature);
  });

  it('accepts timestamps up to the tolerance away in both directions, inclusive', async () => {
    for (const skew of [-300, 300]) {
      vi.setSystemTime((VECTOR.timestamp + skew) * 1000);
      expect(webhook.verify(VECTOR.payload, vectorHeaders())).toEqual({ test: 2432232314 });
    }
    vi.setSystemTime((VECTOR.timestamp + 301) * 1000);
    expect((await failure(VECTOR.payload, vectorHeaders())).code).toBe('timestamp_too_old');
    vi.setSystemTime((VECTOR.timestamp - 301) * 1000);
    expect((await failure(VECTOR.payload, vectorHeaders())).code).toBe('timestamp_too_new');
  });

  it('uses the configured tolerance', async () => {
    const strict = new Webhook(VECTOR.secret, { toleranceInSeconds: 10 });
    vi.setSystemTime((VECTOR.timestamp + 11) * 1000);
    const error = await failure(VECTOR.payload, vectorHeaders(), strict);
    expect(error.code).toBe('timestamp_too_old');
    expect(error.message).toBe('webhook-timestamp is 11s old (tolerance 10s)');
  });
});

describe('a rejected delivery', () => {
  it.each(['webhook-id', 'webhook-timestamp', 'webhook-signature'])(
    'fails with missing_header without %s',
    async (name) => {
      const headers: Record<string, string> = vectorHeaders();
      delete headers[name];
      await expectCode('missing_header', VECTOR.payload, headers);
      await expectCode('missing_header', VECTOR.payload, { ...vectorHeaders(), [name]: '' });
    },
  );

  it('fails with missing_header when there are no headers at all', async () => {
    await expectCode('missing_header', VECTOR.payload, undefined);
    await expectCode('missing_header', VECTOR.payload, new Headers());
  });

  it.each([
    '+1614265330',
    ' 1614265330',
    '1614265330 ',
    '1.614265330e9',
    '1614265330.0',
    '0x6038a0f2',
    '01614265330',
    '-1',
    '1_614_265_330',
    '１６１４２６５３３０',
    '99999999999999999999',
  ])('rejects the timestamp %j as malformed_header', async (timestamp) => {
    await expectCode('malformed_header', VECTOR.payload, {
      ...vectorHeaders(),
      'webhook-timestamp': timestamp,
    });
  });

  it('rejects a signature header without any version,signature entry as malformed_header', async () => {
    for (const header of ['garbage', 'v1', 'v1,', ',abc', '   ']) {
      await expectCode('malformed_header', VECTOR.payload, vectorHeaders(header));
    }
  });

  it('does not let a repeated webhook-id or webhook-timestamp pass as a single one', async () => {
    await expectCode('no_matching_signature', VECTOR.payload, {
      ...vectorHeaders(),
      'webhook-id': [VECTOR.msgId, 'b'],
    });
    const ts = String(VECTOR.timestamp);
    await expectCode('malformed_header', VECTOR.payload, {
      ...vectorHeaders(),
      'webhook-timestamp': [ts, ts],
    });
  });

  it('fails with no_matching_signature on a wrong signature, another version, or a tampered body', async () => {
    const wrong = `v1,${'A'.repeat(43)}=`;
    await expectCode('no_matching_signature', VECTOR.payload, vectorHeaders(wrong));
    await expectCode(
      'no_matching_signature',
      VECTOR.payload,
      vectorHeaders(`v2,${VECTOR.signature.slice(3)}`),
    );
    await expectCode('no_matching_signature', VECTOR.payload.replace('2', '3'), vectorHeaders());
    await expectCode('no_matching_signature', VECTOR.payload, {
      ...vectorHeaders(),
      'webhook-id': 'msg_other',
    });
    // the signature's base64 text is compared exactly: a non-canonical spelling of the same bytes is refused
    await expectCode(
      'no_matching_signature',
      VECTOR.payload,
      vectorHeaders(VECTOR.signature.replace(/=$/, '')),
    );
  });

  it('fails with no_matching_signature under another secret', async () => {
    const error = await failure(VECTOR.payload, vectorHeaders(), new Webhook(generateSecret()));
    expect(error.code).toBe('no_matching_signature');
    expect(error.status).toBe(401);
  });

  it('fails with payload_not_json when a correctly signed body is not JSON or not UTF-8', async () => {
    const signed = (payload: string | Uint8Array) =>
      vectorHeaders(webhook.sign(VECTOR.msgId, VECTOR.timestamp, payload));
    await expectCode('payload_not_json', 'not json', signed('not json'));
    await expectCode('payload_not_json', '', signed(''));
    const invalidUtf8 = new Uint8Array([0x22, 0xff, 0x22]);
    await expectCode('payload_not_json', invalidUtf8, signed(invalidUtf8));
  });

  it('fails with body_already_parsed when given a parsed object instead of the raw body', async () => {
    const error = await failure(JSON.parse(VECTOR.payload), vectorHeaders());
    expect(error.code).toBe('body_already_parsed');
    expect(error.status).toBe(500);
    expect(error.message).toBe('Pass the raw body (string or bytes), not parsed JSON');
    await expectCode('body_already_parsed', undefined, vectorHeaders());
  });

  it('checks the timestamp before the signature, like the reference library', async () => {
    vi.setSystemTime((VECTOR.timestamp + 3600) * 1000);
    await expectCode('timestamp_too_old', 'tampered', vectorHeaders('v1,wrong'));
  });
});

describe('WebhookVerificationError', () => {
  it('documents an HTTP status for every code', () => {
    expect(WEBHOOK_ERROR_STATUS).toEqual({
      missing_header: 400,
      malformed_header: 400,
      timestamp_too_old: 401,
      timestamp_too_new: 401,
      no_matching_signature: 401,
      payload_not_json: 400,
      payload_too_large: 413,
      body_already_parsed: 500,
    });
  });

  it('is an Error with a name, a code and a status', () => {
    const error = new WebhookVerificationError('missing_header', 'Missing webhook-id header');
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'WebhookVerificationError', code: 'missing_header', status: 400 });
  });

  it('is recognised by instanceof across separate copies of the class (ESM and CJS builds)', () => {
    class Copy extends Error {
      override name = 'WebhookVerificationError';
      code = 'missing_header';
    }
    expect(new Copy()).toBeInstanceOf(WebhookVerificationError);
    // but not an error of the same name from another library, such as standardwebhooks, which has no code
    const other = Object.assign(new Error('x'), { name: 'WebhookVerificationError' });
    expect(other).not.toBeInstanceOf(WebhookVerificationError);
    expect(Object.assign(new Copy(), { code: 'toString' })).not.toBeInstanceOf(WebhookVerificationError);
    expect(null).not.toBeInstanceOf(WebhookVerificationError);
    expect('WebhookVerificationError').not.toBeInstanceOf(WebhookVerificationError);
  });
});

describe('sign and signAsync', () => {
  it('return v1,<base64> of the published vector', async () => {
    expect(webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).toBe(VECTOR.signature);
    await expect(webhook.signAsync(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload)).resolves.toBe(
      VECTOR.signature,
    );
  });

  it('take the timestamp as Unix seconds or a Date (rounded down to the second)', async () => {
    const date = new Date(VECTOR.timestamp * 1000 + 999);
    expect(webhook.sign(VECTOR.msgId, date, VECTOR.payload)).toBe(VECTOR.signature);
    await expect(webhook.signAsync(VECTOR.msgId, date, VECTOR.payload)).resolves.toBe(VECTOR.signature);
  });

  it('round a fractional timestamp down, like the reference library does for a Date', () => {
    expect(webhook.sign(VECTOR.msgId, VECTOR.timestamp + 0.9, VECTOR.payload)).toBe(VECTOR.signature);
  });

  it('refuse a timestamp that is not a non-negative number of seconds', async () => {
    for (const timestamp of [-1, Number.NaN, Number.POSITIVE_INFINITY, new Date(Number.NaN)]) {
      expect(() => webhook.sign(VECTOR.msgId, timestamp, VECTOR.payload)).toThrow(TypeError);
      await expect(webhook.signAsync(VECTOR.msgId, timestamp, VECTOR.payload)).rejects.toThrow(TypeError);
    }
  });

  it('produce signatures that verify', () => {
    const payload = '{"hello":"wörld"}';
    const headers = webhook.signHeaders('msg_1', VECTOR.timestamp, new TextEncoder().encode(payload));
    expect(webhook.verify(payload, headers)).toEqual({ hello: 'wörld' });
  });
});

describe('verifyHeaders', () => {
  it('returns the id and timestamp of well-formed, fresh headers, without a body', () => {
    expect(webhook.verifyHeaders(vectorHeaders())).toEqual({
      webhookId: VECTOR.msgId,
      timestamp: VECTOR.timestamp,
    });
    // it proves nothing about the sender: a wrong signature passes here and fails verify
    expect(webhook.verifyHeaders(vectorHeaders(`v1,${'A'.repeat(43)}=`))).toMatchObject({
      webhookId: VECTOR.msgId,
    });
  });

  it('throws what verify throws for the same headers', async () => {
    const cases: Record<string, unknown>[] = [
      {},
      { ...vectorHeaders(), 'webhook-id': '' },
      { ...vectorHeaders(), 'webhook-timestamp': '1e9' },
      { ...vectorHeaders(), 'webhook-signature': 'nonsense' },
      { ...vectorHeaders(), 'webhook-timestamp': String(VECTOR.timestamp - 301) },
      { ...vectorHeaders(), 'webhook-timestamp': String(VECTOR.timestamp + 301) },
    ];
    for (const headers of cases) {
      const expected = await failure(VECTOR.payload, headers);
      expect(() => webhook.verifyHeaders(headers as Record<string, string>)).toThrow(
        expect.objectContaining({ code: expected.code, status: expected.status }),
      );
    }
  });
});
