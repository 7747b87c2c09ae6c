import { toBase64 } from './base64';
import { constantTimeEqual } from './constant-time-equal';
import { readDelivery } from './delivery';
import { WebhookVerificationError } from './errors';
import type { VerifiedWebhookHeaders, WebhookHeaders, WebhookSignedHeaders } from './headers';
import { type NodeCrypto, nodeCrypto } from './node-crypto';
import { parseJson, rawPayload, type WebhookPayload } from './payload';
import { decodeSecrets, type WebhookSecret } from './secret';

/** Options of {@link Webhook}. */
export interface WebhookOptions {
  /** How far `webhook-timestamp` may be from now, in both directions, in seconds. Default 300. */
  toleranceInSeconds?: number | undefined;
}

/** Whole Unix seconds (rounded down, like the reference library does for a Date). */
function toSeconds(timestamp: number | Date): number {
  const seconds = Math.floor(timestamp instanceof Date ? timestamp.getTime() / 1000 : timestamp);
  if (seconds >= 0 && seconds < 1e15) return seconds;
  throw new TypeError('timestamp must be Unix seconds or a Date');
}

/**
 * The parsed body when one of `expected` equals one of the header's `signatures`. The base64 text is compared
 * in constant time (as the reference library does).
 */
function accept(
  expected: readonly string[],
  signatures: readonly string[],
  body: string | Uint8Array,
): unknown {
  for (const signature of expected)
    for (const candidate of signatures) if (constantTimeEqual(candidate, signature)) return parseJson(body);
  throw new WebhookVerificationError(
    'no_matching_signature',
    'No v1 signature matches (was the body re-serialized?)',
  );
}

/** The three signed headers, with one `v1,<base64>` entry per digest. */
function signedHeaders(msgId: string, seconds: number, digests: readonly string[]): WebhookSignedHeaders {
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(seconds),
    'webhook-signature': digests.map((digest) => `v1,${digest}`).join(' '),
  };
}

/**
 * Verifies and signs Standard Webhooks v1 deliveries (HMAC-SHA256 over `${id}.${timestamp}.${body}`).
 * Give several secrets during a key rotation: a delivery signed with any of them verifies; `sign` uses the first.
 */
export interface Webhook {
  /**
   * Verifies a delivery on `node:crypto` and returns its parsed JSON body; throws {@link WebhookVerificationError}.
   * `payload` must be the raw body. Node, Bun and Deno only; elsewhere use {@link Webhook.verifyAsync}.
   */
  verify(payload: WebhookPayload, headers: WebhookHeaders): unknown;
  /** Verifies a delivery on any runtime (Web Crypto) and resolves to its parsed JSON body; rejects with `WebhookVerificationError`. */
  verifyAsync(payload: WebhookPayload, headers: WebhookHeaders): Promise<unknown>;
  /**
   * Checks the signed headers alone, before the body is read: all three present, `webhook-timestamp` plain decimal
   * seconds within the tolerance, `webhook-signature` well formed. Returns the id and timestamp, or throws the
   * {@link WebhookVerificationError} (`missing_header`, `malformed_header`, `timestamp_too_old`/`_new`) that
   * `verify` would throw for these headers. It proves nothing about the sender: verify the body afterwards.
   * Needs no crypto, so it runs anywhere.
   */
  verifyHeaders(headers: WebhookHeaders): VerifiedWebhookHeaders;
  /** Signs a delivery with the first secret on `node:crypto`; returns the `webhook-signature` value `v1,<base64>`. */
  sign(msgId: string, timestamp: number | Date, payload: WebhookPayload): string;
  /** Signs a delivery with the first secret on Web Crypto (any runtime); resolves to `v1,<base64>`. */
  signAsync(msgId: string, timestamp: number | Date, payload: WebhookPayload): Promise<string>;
  /**
   * The three signed headers of a delivery (`webhook-id`, `webhook-timestamp`, `webhook-signature`), ready to
   * spread into a test request's headers. `webhook-signature` carries one `v1` entry per secret, in order and
   * space-separated, as Listo signs while a key is being rotated. On `node:crypto`; see {@link signHeadersAsync}.
   */
  signHeaders(msgId: string, timestamp: number | Date, payload: WebhookPayload): WebhookSignedHeaders;
  /** {@link signHeaders} on Web Crypto (any runtime). */
  signHeadersAsync(
    msgId: string,
    timestamp: number | Date,
    payload: WebhookPayload,
  ): Promise<WebhookSignedHeaders>;
}

/** The {@link Webhook} class: `new Webhook(secretOrSecrets, { toleranceInSeconds })`. */
export interface WebhookConstructor {
  /** Throws `InvalidWebhookSecretError` for a malformed secret, `RangeError` for a bad tolerance. */
  new (secretOrSecrets: WebhookSecret | readonly WebhookSecret[], options?: WebhookOptions): Webhook;
  readonly prototype: Webhook;
}

/**
 * Typed through the interfaces above rather than published as a class declaration: a class with `#private`
 * members puts a `#private;` line in the `.d.ts`, which TypeScript rejects in a consumer compiling for ES5 (its
 * default target) without `skipLibCheck`. The `#private` fields keep the keys out of reach and out of
 * `console.log(webhook)`.
 */
export const Webhook: WebhookConstructor = class {
  readonly #keys: readonly Uint8Array<ArrayBuffer>[];
  readonly #tolerance: number;
  #webKeys: Promise<CryptoKey[]> | undefined;

  constructor(secretOrSecrets: WebhookSecret | readonly WebhookSecret[], options: WebhookOptions = {}) {
    const tolerance = options.toleranceInSeconds ?? 300;
    if (!(tolerance >= 0 && tolerance < Infinity)) throw new RangeError('Invalid toleranceInSeconds');
    this.#keys = decodeSecrets(secretOrSecrets);
    this.#tolerance = tolerance;
  }

  verify(payload: WebhookPayload, headers: WebhookHeaders): unknown {
    const crypto = this.#crypto('verify');
    const body = rawPayload(payload);
    const { prefix, signatures } = readDelivery(headers, this.#tolerance);
    return accept(this.#nodeDigests(crypto, prefix, body), signatures, body);
  }

  /**
   * Verifies a delivery on any runtime and resolves to its parsed JSON body; rejects with
   * {@link WebhookVerificationError}. Uses `node:crypto` where present (faster), Web Crypto elsewhere.
   */
  async verifyAsync(payload: WebhookPayload, headers: WebhookHeaders): Promise<unknown> {
    if (nodeCrypto()) return this.verify(payload, headers);
    const body = rawPayload(payload);
    const { prefix, signatures } = readDelivery(headers, this.#tolerance);
    return accept(await this.#webDigests(prefix, body), signatures, body);
  }

  verifyHeaders(headers: WebhookHeaders): VerifiedWebhookHeaders {
    const { id, timestamp } = readDelivery(headers, this.#tolerance);
    return { webhookId: id, timestamp };
  }

  /** Signs a delivery with the first secret on `node:crypto`; returns the `webhook-signature` value `v1,<base64>`. */
  sign(msgId: string, timestamp: number | Date, payload: WebhookPayload): string {
    const crypto = this.#crypto('sign');
    return `v1,${this.#nodeDigests(crypto, `${msgId}.${toSeconds(timestamp)}.`, rawPayload(payload))[0]}`;
  }

  /** Signs a delivery with the first secret on Web Crypto (any runtime); resolves to `v1,<base64>`. */
  async signAsync(msgId: string, timestamp: number | Date, payload: WebhookPayload): Promise<string> {
    return `v1,${(await this.#webDigests(`${msgId}.${toSeconds(timestamp)}.`, rawPayload(payload)))[0]}`;
  }

  signHeaders(msgId: string, timestamp: number | Date, payload: WebhookPayload): WebhookSignedHeaders {
    const crypto = this.#crypto('signHeaders');
    const seconds = toSeconds(timestamp);
    return signedHeaders(
      msgId,
      seconds,
      this.#nodeDigests(crypto, `${msgId}.${seconds}.`, rawPayload(payload)),
    );
  }

  async signHeadersAsync(
    msgId: string,
    timestamp: number | Date,
    payload: WebhookPayload,
  ): Promise<WebhookSignedHeaders> {
    const seconds = toSeconds(timestamp);
    return signedHeaders(msgId, seconds, await this.#webDigests(`${msgId}.${seconds}.`, rawPayload(payload)));
  }

  #crypto(method: string): NodeCrypto {
    const crypto = nodeCrypto();
    if (crypto) return crypto;
    throw new Error(`No node:crypto here: use ${method}Async()`);
  }

  /** The base64 HMAC of `prefix + body` under each secret, on node:crypto. */
  #nodeDigests(crypto: NodeCrypto, prefix: string, body: string | Uint8Array): string[] {
    return this.#keys.map((key) =>
      crypto.createHmac('sha256', key).update(prefix).update(body).digest('base64'),
    );
  }

  /** The same on Web Crypto; keys are imported once, as importKey costs about as much as the HMAC itself. */
  async #webDigests(prefix: string, body: string | Uint8Array): Promise<string[]> {
    const subtle = crypto.subtle;
    this.#webKeys ??= Promise.all(
      this.#keys.map((key) =>
        subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      ),
    );
    // A Blob joins the parts and encodes strings as UTF-8.
    const data = await new Blob([prefix, body as Uint8Array<ArrayBuffer>]).arrayBuffer();
    return Promise.all(
      (await this.#webKeys).map(async (key) => toBase64(await subtle.sign('HMAC', key, data))),
    );
  }
};
