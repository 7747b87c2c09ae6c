import { Buffer } from 'node:buffer';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bodyLimit, checkContentLength, type RawBodyOptions, tooLarge } from '../body-limit';
import { asBytes } from '../bytes';
import { WebhookVerificationError } from '../errors';
import type { Webhook } from '../webhook';

export { DEFAULT_BODY_LIMIT, type RawBodyOptions } from '../body-limit';

/** A Node request that a framework may have given a `body` (Express, Connect, body-parser…). */
export type NodeRequest = IncomingMessage & { body?: unknown };

/** A request after {@link webhookMiddleware}: `body` is the verified, parsed event, `rawBody` its bytes. */
export type VerifiedNodeRequest = IncomingMessage & { body: unknown; rawBody: Buffer };

/**
 * Reads the raw body of a Node request, up to `limit` bytes. Accepts a body that `express.raw()` (a Buffer)
 * or `express.text()` (a string) already captured; rejects with code `body_already_parsed` when a JSON parser
 * consumed it, and with `payload_too_large` past the limit.
 */
export function readRawBody(req: NodeRequest, options?: RawBodyOptions): Promise<Buffer> {
  const limit = bodyLimit(options);
  return new Promise((resolve, reject) => {
    const { body } = req;
    if (body !== undefined || req.readableEnded) {
      // Bytes from any realm (a Buffer made in a vm context or Jest environment fails instanceof).
      const captured = typeof body === 'string' ? body : asBytes(body);
      if (captured !== undefined) {
        const bytes = Buffer.from(captured as Uint8Array);
        return bytes.length > limit ? reject(tooLarge(limit)) : resolve(bytes);
      }
      return reject(
        new WebhookVerificationError(
          'body_already_parsed',
          body === undefined
            ? 'The request body stream was already read, so the signed raw bytes are gone: verify before anything reads it'
            : 'req.body was already parsed (by express.json() or similar), so the signed raw bytes are gone: mount the webhook route before the JSON parser, or give it express.raw({ type: "application/json" })',
        ),
      );
    }
    try {
      checkContentLength(req.headers['content-length'], limit);
    } catch (error) {
      req.resume(); // discard the body rather than buffer it
      return reject(error);
    }
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      req.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limit) {
        cleanup();
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, length));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onClose = () => onError(new Error('The request was aborted before its body was read'));
    req.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

/** Reads the raw body of a Node request and verifies it; resolves to the parsed event. */
export async function verifyNodeRequest(
  req: NodeRequest,
  webhook: Pick<Webhook, 'verify'>,
  options?: RawBodyOptions,
): Promise<unknown> {
  return webhook.verify(await readRawBody(req, options), req.headers);
}

/**
 * Express/Connect-style middleware (also usable with plain `node:http`): verifies the delivery, sets `req.body` to
 * the parsed event and `req.rawBody` to its bytes, then calls `next()`. A failed verification is answered at once
 * with `error.status` and a JSON body `{ "error": code, "message": … }`; other errors go to `next(error)`.
 */
export function webhookMiddleware(
  webhook: Pick<Webhook, 'verify'>,
  options?: RawBodyOptions,
): (req: NodeRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    readRawBody(req, options).then(
      (raw) => {
        let event: unknown;
        try {
          event = webhook.verify(raw, req.headers);
        } catch (error) {
          return fail(error);
        }
        Object.assign(req, { body: event, rawBody: raw });
        next();
      },
      (error: unknown) => fail(error),
    );
    function fail(error: unknown): void {
      if (!(error instanceof WebhookVerificationError)) {
        next(error);
        return;
      }
      res.statusCode = error.status;
      res.setHeader('content-type', 'application/json');
      // Unread bytes may follow an oversized body: close the connection instead of draining it.
      if (error.code === 'payload_too_large') res.setHeader('connection', 'close');
      res.end(JSON.stringify({ error: error.code, message: error.message }));
    }
  };
}
