/** A body as read: bytes backed by a plain ArrayBuffer, ready for `new Response(body)`. */
export type BodyBytes = Uint8Array<ArrayBuffer>;

const EMPTY: BodyBytes = new Uint8Array(0);
const decoder = new TextDecoder();

const cancel = (stream: ReadableStream<Uint8Array>): void => {
  stream.cancel().catch(() => {});
};

/** Discards a body that will not be read, releasing its connection. */
export function discardBody(response: Response): void {
  if (response.body !== null && !response.bodyUsed) cancel(response.body);
}

/**
 * Reads a whole body, counting bytes as they arrive: `undefined` as soon as it passes `limit` (the rest is
 * never read). A declared `content-length` above the limit is refused before reading anything; the count
 * still applies, since a compressed body can decode to far more than its declared length.
 */
export async function readBody(response: Response, limit: number): Promise<BodyBytes | undefined> {
  const stream = response.body;
  if (stream === null) return EMPTY;
  const declared = response.headers.get('content-length');
  if (declared !== null && Number(declared) > limit) {
    cancel(stream);
    return undefined;
  }
  const reader = stream.getReader();
  let first: Uint8Array | undefined;
  let rest: Uint8Array[] | undefined;
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return undefined;
    }
    if (first === undefined) first = value;
    else if (rest === undefined) rest = [value];
    else rest.push(value);
  }
  if (first === undefined) return EMPTY;
  if (rest === undefined) return first as BodyBytes;
  const whole = new Uint8Array(size);
  whole.set(first, 0);
  let offset = first.byteLength;
  for (const chunk of rest) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/** UTF-8 text of a body, a leading byte-order mark dropped (as `Response#text` does). */
export function bodyText(body: Uint8Array): string {
  return body.byteLength === 0 ? '' : decoder.decode(body);
}
