import { Webhook, type WebhookSecret } from '@listo/webhooks';
import { DEFAULT_BODY_LIMIT, readRequestBody } from '@listo/webhooks/fetch';
import type { WebhookAnswer } from './answer';
import type { DeliveryClaim, DeliveryStore } from './delivery-store';
import { eventRouter, type WebhookHandlers } from './event-handlers';
import { logFailure, type WebhookHandlerHooks } from './hooks';
import { createMemoryDeliveryStore } from './memory-delivery-store';
import { type Receiver, receiveDelivery, type WebhookRequestParts } from './receive-delivery';

/** One signing secret, or several while a key is rotated (as `new Webhook(…)` takes them). */
export type WebhookSecrets = WebhookSecret | readonly WebhookSecret[];

/** Options of {@link createWebhookHandler}. */
export interface WebhookHandlerOptions {
  /**
   * The signing secret (`whk_…`, `whsec_…` or bytes), or several while a key is rotated. Or a function that returns
   * them (or a promise of them), called on the first delivery rather than now: for platforms that evaluate modules
   * before the runtime environment exists (`next build`), or secrets fetched from a vault. A value is checked at once
   * (an `InvalidWebhookSecretError` throws here); a function's result on first use (a failure answers 500, and the
   * next delivery tries again).
   */
  readonly secret: WebhookSecrets | (() => WebhookSecrets | Promise<WebhookSecrets>);
  /** The event handlers: every (type, dataVersion) plus `unknown`, or a subset plus `otherwise`; and `invalid`. */
  readonly handlers: WebhookHandlers;
  /** Where handled `webhook-id`s are recorded. Default: a new `createMemoryDeliveryStore()`. */
  readonly store?: DeliveryStore<DeliveryClaim> | undefined;
  /** Logging and metrics observers. */
  readonly hooks?: WebhookHandlerHooks | undefined;
  /** How far `webhook-timestamp` may be from now, in seconds. Default 300, the guides' replay window. */
  readonly toleranceInSeconds?: number | undefined;
  /** The largest body read, in bytes; a larger one is answered 413. Default 1 MiB. */
  readonly bodyLimit?: number | undefined;
  /**
   * How long a claim on a delivery lasts while its handler runs, in milliseconds. Default 30,000: the guides'
   * per-attempt timeout, after which Listo counts the attempt as failed anyway.
   */
  readonly leaseMs?: number | undefined;
  /** The status of a signed but invalid delivery, after its handler: 202 (default) or 200. */
  readonly invalidStatus?: 200 | 202 | undefined;
}

/** What {@link createWebhookHandler} returns. */
export interface WebhookHandler {
  /** Handles a Fetch `Request` (Hono's `c.req.raw`, a Next.js route's `request`, Workers, Bun, Deno). */
  fetch(request: Request): Promise<Response>;
  /**
   * Handles a request of any framework, described by its parts; resolves to the answer to write. The Fetch and
   * Node adapters are built on it. Never rejects.
   */
  handle(request: WebhookRequestParts): Promise<WebhookAnswer>;
}

function positiveInteger(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/** The secret as a function that gives the `Webhook`: made now for a value, on first use for a provider. */
function webhookOf(
  secret: WebhookHandlerOptions['secret'],
  tolerance: number | undefined,
): Receiver['webhook'] {
  const make = (secrets: WebhookSecrets) =>
    new Webhook(secrets, tolerance === undefined ? {} : { toleranceInSeconds: tolerance });
  if (typeof secret !== 'function') {
    const webhook = make(secret);
    return () => webhook;
  }
  let pending: Promise<Webhook> | undefined;
  return () =>
    (pending ??= Promise.resolve()
      .then(secret)
      .then(make)
      .catch((error: unknown) => {
        pending = undefined; // try again on the next delivery
        throw error;
      }));
}

/**
 * The guides' receiving rules in one call: verifies the signature on the raw bytes and the 5-minute window, parses
 * the event, dedupes on `webhook-id` through `store`, calls the event's handler with the typed event and its
 * delivery, and answers: 200 (handled, unknown, duplicate), 202 (signed but invalid), 400, 401, 405, 409 (a duplicate
 * still being handled), 413, 415, 500 (a handler threw: Listo retries) or 503 (the store failed).
 */
export function createWebhookHandler(options: WebhookHandlerOptions): WebhookHandler {
  const invalidStatus = options.invalidStatus ?? 202;
  if (invalidStatus !== 200 && invalidStatus !== 202)
    throw new RangeError('invalidStatus must be 200 or 202');
  const route = eventRouter(options.handlers);
  const receiver: Receiver = {
    webhook: webhookOf(options.secret, options.toleranceInSeconds),
    route,
    invalid: options.handlers.invalid,
    store: options.store ?? createMemoryDeliveryStore(),
    hooks: { onFailed: logFailure, ...options.hooks },
    bodyLimit: positiveInteger('bodyLimit', options.bodyLimit ?? DEFAULT_BODY_LIMIT),
    leaseMs: positiveInteger('leaseMs', options.leaseMs ?? 30_000),
    invalidStatus,
  };
  const handle = (request: WebhookRequestParts) => receiveDelivery(receiver, request);
  return {
    handle,
    async fetch(request) {
      const { status, headers, body } = await handle({
        method: request.method,
        headers: request.headers,
        contentType: request.headers.get('content-type'),
        contentLength: request.headers.get('content-length'),
        readBody: (limit) => readRequestBody(request, { limit }),
      });
      return new Response(body, { status, headers });
    },
  };
}
