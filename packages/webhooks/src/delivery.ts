import { WebhookVerificationError } from './errors';
import { readHeader, WEBHOOK_HEADERS, type WebhookHeaders } from './headers';

/** The signed metadata of a delivery, read from its headers and checked against the clock. */
export interface Delivery {
  /** `webhook-id`. */
  readonly id: string;
  /** `webhook-timestamp`, in Unix seconds. */
  readonly timestamp: number;
  /** `${webhook-id}.${webhook-timestamp}.`: the signed content minus the body. */
  readonly prefix: string;
  /** The base64 values of the `v1` entries of `webhook-signature`. */
  readonly signatures: readonly string[];
}

// Plain decimal integer seconds only: no sign, spaces, exponent, fraction, hex or leading zeros.
const TIMESTAMP = /^(0|[1-9]\d{0,14})$/;

/** Reads and checks the three Standard Webhooks headers against the clock; throws on any problem. */
export function readDelivery(
  headers: WebhookHeaders | null | undefined,
  toleranceInSeconds: number,
): Delivery {
  const h = headers ?? {};
  const id = readHeader(h, WEBHOOK_HEADERS.id);
  const timestampText = readHeader(h, WEBHOOK_HEADERS.timestamp);
  const signatureHeader = readHeader(h, WEBHOOK_HEADERS.signature);

  if (!TIMESTAMP.test(timestampText))
    throw new WebhookVerificationError('malformed_header', 'webhook-timestamp is not decimal Unix seconds');
  const timestamp = +timestampText;
  const age = Math.floor(Date.now() / 1000) - timestamp;
  if (Math.abs(age) > toleranceInSeconds)
    throw new WebhookVerificationError(
      age > 0 ? 'timestamp_too_old' : 'timestamp_too_new',
      `webhook-timestamp is ${Math.abs(age)}s ${age > 0 ? 'old' : 'ahead'} (tolerance ${toleranceInSeconds}s)`,
    );

  const signatures: string[] = [];
  let wellFormed = false;
  for (const entry of signatureHeader.split(' ')) {
    // Fetch and Node join a repeated header with ", ", which leaves a trailing comma on an entry.
    const [, version, value] = /^([^,]+),(.+?),?$/.exec(entry) ?? [];
    if (version === 'v1') signatures.push(value!);
    wellFormed ||= !!version;
  }
  if (!wellFormed)
    throw new WebhookVerificationError(
      'malformed_header',
      'webhook-signature has no "version,signature" entry',
    );
  return { id, timestamp, prefix: `${id}.${timestampText}.`, signatures };
}
