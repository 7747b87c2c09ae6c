import type { IncomingMessage, ServerResponse } from 'node:http';
import { readRawBody } from '@listo/webhooks/node';
import type { WebhookHandler } from '../create-webhook-handler';

export type { WebhookHandler } from '../create-webhook-handler';

/** A Node request that a framework may have given a `body` (Express's `express.raw()` leaves a Buffer there). */
export type NodeWebhookRequest = IncomingMessage & { body?: unknown };

/**
 * Adapts a handler from `createWebhookHandler` to Node's `http` and to Express/Connect:
 * `http.createServer(createNodeMiddleware(handler))`, or `app.post('/webhooks/listo', createNodeMiddleware(handler))`.
 * It always answers (it never calls `next`). Mount it before any JSON body parser, or give its route
 * `express.raw({ type: 'application/json' })`: the signature is over the raw bytes.
 */
export function createNodeMiddleware(
  handler: Pick<WebhookHandler, 'handle'>,
): (req: NodeWebhookRequest, res: ServerResponse, next?: (error?: unknown) => void) => Promise<void> {
  return async (req, res) => {
    const answer = await handler.handle({
      method: req.method ?? '',
      headers: req.headers,
      contentType: req.headers['content-type'],
      contentLength: req.headers['content-length'],
      readBody: (limit) => readRawBody(req, { limit }),
    });
    if (res.headersSent) return;
    res.statusCode = answer.status;
    for (const [name, value] of Object.entries(answer.headers)) res.setHeader(name, value);
    // Answered before the body was read (or past its limit): close rather than drain what may follow.
    if (!req.complete && req.body === undefined) res.setHeader('connection', 'close');
    res.end(answer.body);
  };
}
