import { asBytes } from './bytes';
import { WebhookVerificationError } from './errors';

/** A raw request body: exactly the bytes that were signed (bytes from any realm, any ArrayBuffer view). */
export type WebhookPayload = string | Uint8Array | ArrayBufferView | ArrayBuffer;

/** Checks the payload is raw (a string or bytes), as a JSON body parser leaves an object behind. */
export function rawPayload(payload: WebhookPayload): string | Uint8Array {
  if (typeof payload === 'string' || payload instanceof Uint8Array) return payload;
  const bytes = asBytes(payload);
  if (bytes) return bytes;
  throw new WebhookVerificationError(
    'body_already_parsed',
    'Pass the raw body (string or bytes), not parsed JSON',
  );
}

/** Parses a verified payload as JSON (from UTF-8 when bytes). */
export function parseJson(payload: string | Uint8Array): unknown {
  try {
    return JSON.parse(
      typeof payload === 'string' ? payload : new TextDecoder('utf-8', { fatal: true }).decode(payload),
    );
  } catch {
    throw new WebhookVerificationError('payload_not_json', 'Payload is not JSON');
  }
}
