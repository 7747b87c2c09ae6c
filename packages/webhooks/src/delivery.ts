import { WebhookVerificationError } from './errors';
import { readHeader, type WebhookHeaders } from './headers';

/**
 * The signed parts of a delivery, read from its headers: `${webhook-id}.${webhook-timestamp}.` (the signed
 * content minus the body) and the base64 values of the `v1` entries of `webhook-signature`.
 */
export type Delivery = [prefix: string, signatures: string[]];

// Plain decimal integer seconds only: no sign, spaces, exponent, fraction, hex or leading zeros.
const TIMESTAMP = /^(0|[1-9]\d{0,14})$/;

/** Reads and checks the three Standard Webhooks headers against the clock; throws on any problem. */
export function readDelivery(
  headers: WebhookHeaders | null | undefined,
  toleranceInSeconds: number,
): Delivery {
  const h = headers ?? {};
  const id = readHeader(h, 'webhook-id');
  const timestamp = readHeader(h, 'webhook-timestamp');
  const signatureHeader = readHeader(h, 'webhook-signature');

  if (!TIMESTAMP.test(timestamp))
    throw new WebhookVerificationError('malformed_header', 'webhook-timestamp is not decimal Unix seconds');
  const age = Math.floor(Date.now() / 1000) - +timestamp;
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
  return [`${id}.${timestamp}.`, signatures];
}
