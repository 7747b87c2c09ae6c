import { WebhookVerificationError } from './errors';

/** The default largest raw body the adapters read: 1 MiB (Listo events are a few KB). */
export const DEFAULT_BODY_LIMIT = 1_048_576;

/** Options of the raw-body readers. */
export interface RawBodyOptions {
  /** The largest body to read, in bytes; a larger one fails with code `payload_too_large`. Default 1 MiB. */
  limit?: number | undefined;
}

/** The validated limit from options. */
export function bodyLimit(options: RawBodyOptions | undefined): number {
  const limit = options?.limit ?? DEFAULT_BODY_LIMIT;
  if (!(Number.isSafeInteger(limit) && limit >= 0))
    throw new RangeError('limit must be a whole number of bytes');
  return limit;
}

export function tooLarge(limit: number): WebhookVerificationError {
  return new WebhookVerificationError('payload_too_large', `The request body is larger than ${limit} bytes`);
}

/** Fails early when a declared `content-length` is already over the limit. */
export function checkContentLength(value: string | null | undefined, limit: number): void {
  if (value && Number(value) > limit) throw tooLarge(limit);
}
