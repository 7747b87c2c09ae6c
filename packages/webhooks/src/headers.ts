import { WebhookVerificationError } from './errors';

/** The names of the three Standard Webhooks headers that carry a delivery's signed metadata. */
export const WEBHOOK_HEADERS: {
  readonly id: 'webhook-id';
  readonly timestamp: 'webhook-timestamp';
  readonly signature: 'webhook-signature';
} = Object.freeze({
  id: 'webhook-id',
  timestamp: 'webhook-timestamp',
  signature: 'webhook-signature',
});

/**
 * The three signed headers of a delivery, as {@link Webhook.signHeaders} returns them. A type alias rather than
 * an interface, so that it is assignable to `Record<string, string>` (Fetch's `HeadersInit`, Node's headers).
 */
export type WebhookSignedHeaders = {
  /** The message id (Listo: the event's `id`), stable across retries. */
  readonly 'webhook-id': string;
  /** Unix seconds at signing, as plain decimal text. */
  readonly 'webhook-timestamp': string;
  /** `v1,<base64>`, one per secret, space-separated. */
  readonly 'webhook-signature': string;
};

/** What {@link Webhook.verifyHeaders} read from well-formed, fresh headers (not yet proof of the sender). */
export interface VerifiedWebhookHeaders {
  /** `webhook-id`: the delivery's idempotency key (Listo: the event's `id`), stable across retries. */
  readonly webhookId: string;
  /** `webhook-timestamp`: when this attempt was signed, in Unix seconds. */
  readonly timestamp: number;
}

/**
 * Request headers in any common shape: a Fetch `Headers` (or anything with `get`), Node's
 * `IncomingHttpHeaders` (array values included), or a plain record with keys in any case.
 */
export type WebhookHeaders =
  | {
      /** The header's value, or `null`/`undefined` when absent. */
      get(name: string): string | null | undefined;
    }
  | Readonly<Record<string, string | readonly string[] | undefined>>;

/** Reads one required header as a non-empty string, or throws `missing_header`. */
export function readHeader(headers: WebhookHeaders, name: string): string {
  let value: unknown;
  if (typeof headers.get === 'function') value = headers.get(name);
  else {
    const record = headers as Readonly<Record<string, unknown>>;
    value = record[name];
    // Keys in another case (`Webhook-Id`) are looked for only when the lower-case one is absent.
    if (value === undefined)
      for (const key in record)
        if (key.toLowerCase() === name) {
          value = record[key];
          break;
        }
  }
  // Repeated headers (array values) are joined with a space: a list of signatures stays a list, and a
  // repeated id or timestamp cannot pass as a single valid one.
  if (Array.isArray(value)) value = value.join(' ');
  if (typeof value === 'string' && value) return value;
  throw new WebhookVerificationError('missing_header', `Missing ${name} header`);
}
