import { bodyLimit, checkContentLength, type RawBodyOptions, tooLarge } from '../body-limit';
import { WebhookVerificationError } from '../errors';
import type { Webhook } from '../webhook';

export { DEFAULT_BODY_LIMIT, type RawBodyOptions } from '../body-limit';

/** The part of a Fetch `Request` this adapter uses (so Hono, Next.js, Workers, Bun and Deno requests all fit). */
export interface RequestLike {
  /** The request's headers. */
  readonly headers: {
    /** The header's value, or `null` when absent. */
    get(name: string): string | null;
  };
  readonly body: ReadableStream<Uint8Array> | null;
  readonly bodyUsed: boolean;
}

/**
 * Reads the raw body of a Fetch `Request`, up to `limit` bytes. Rejects with code `body_already_parsed` when
 * the body was already read (`request.json()` or similar), and with `payload_too_large` past the limit.
 */
export async function readRequestBody(request: RequestLike, options?: RawBodyOptions): Promise<Uint8Array> {
  const limit = bodyLimit(options);
  if (request.bodyUsed)
    throw new WebhookVerificationError(
      'body_already_parsed',
      'The request body was already read, so the signed raw bytes are gone: verify before request.json(), or verify request.clone()',
    );
  checkContentLength(request.headers.get('content-length'), limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

/**
 * Verifies a Fetch `Request` (Hono's `c.req.raw`, a Next.js route handler's `request`, Workers, Bun, Deno) and
 * resolves to the parsed event; rejects with {@link WebhookVerificationError}.
 */
export async function verifyRequest(
  request: RequestLike,
  webhook: Pick<Webhook, 'verifyAsync'>,
  options?: RawBodyOptions,
): Promise<unknown> {
  return webhook.verifyAsync(await readRequestBody(request, options), request.headers);
}
