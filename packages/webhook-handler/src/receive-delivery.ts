import { EventParseError, parseEvent } from '@listo/events';
import { type Webhook, type WebhookHeaders, WebhookVerificationError } from '@listo/webhooks';
import { answer, type WebhookAnswer, type WebhookAnswerStatus } from './answer';
import type { DeliveryClaim, DeliveryCompletion, DeliveryStore } from './delivery-store';
import type { EventRouter, InvalidDeliveryHandler } from './event-handlers';
import {
  type AcceptedDeliveryReport,
  type FailedDeliveryReport,
  type FailureReason,
  notify,
  type RejectionReason,
  type WebhookHandlerHooks,
} from './hooks';
import type { WebhookDelivery } from './webhook-delivery';

/** A request, whatever its framework: what an adapter hands to {@link WebhookHandler.handle}. */
export interface WebhookRequestParts {
  readonly method: string;
  /** The request headers (a Fetch `Headers`, Node's `IncomingHttpHeaders`, or a record). */
  readonly headers: WebhookHeaders;
  readonly contentType: string | null | undefined;
  readonly contentLength: string | null | undefined;
  /**
   * Reads the raw body, at most `limit` bytes. Rejects with a `WebhookVerificationError` of code
   * `payload_too_large` past the limit, or `body_already_parsed` when something consumed it first.
   */
  readBody(limit: number): Promise<Uint8Array>;
}

/** The resolved options the pipeline runs with. */
export interface Receiver {
  readonly webhook: () => Webhook | Promise<Webhook>;
  readonly route: EventRouter;
  readonly invalid: InvalidDeliveryHandler | undefined;
  readonly store: DeliveryStore;
  readonly hooks: WebhookHandlerHooks;
  readonly bodyLimit: number;
  readonly leaseMs: number;
  readonly invalidStatus: 200 | 202;
}

// application/json, with parameters (charset) or not, in any case.
const JSON_MEDIA_TYPE = /^application\/json[ \t]*(;|$)/i;

const RETRY_LATER = 'The delivery could not be handled now; retry later';

/** An event whose body is not JSON, reported to the `invalid` handler like an envelope that fails its schema. */
function notJsonError(): EventParseError {
  return new EventParseError([
    { path: '', segments: [], message: 'The body is not JSON (or not UTF-8)', code: 'invalid_json' },
  ]);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * The guides' receiving rules, in order: method, content type, declared size, the signed headers (before the body
 * is read), the body (size-limited), the signature, `webhook-id` = body `id`, parsing, dedupe, the handler, and
 * the answer. Never throws: every outcome is an answer, and every answer is reported to one hook.
 */
export async function receiveDelivery(
  receiver: Receiver,
  request: WebhookRequestParts,
): Promise<WebhookAnswer> {
  const started = performance.now();
  const receivedAt = new Date();
  const { hooks } = receiver;
  const durationMs = () => performance.now() - started;
  let webhookId: string | undefined;
  // One shape, filled in as the facts are learnt (spreading a growing object per request costs more than the rest).
  const facts: { type: string | undefined; dataVersion: number | undefined; attempt: number | undefined } = {
    type: undefined,
    dataVersion: undefined,
    attempt: undefined,
  };

  const reject = (
    status: WebhookAnswerStatus,
    reason: RejectionReason,
    message: string,
    headers?: Record<string, string>,
  ): WebhookAnswer => {
    if (hooks.onRejected)
      notify(hooks.onRejected, { status, reason, message, webhookId, durationMs: durationMs() });
    return answer(status, { error: reason, message }, headers);
  };
  const fail = (status: 500 | 503, reason: FailureReason, error: unknown): WebhookAnswer => {
    const report: FailedDeliveryReport = {
      status,
      reason,
      error,
      webhookId,
      ...facts,
      durationMs: durationMs(),
    };
    notify(hooks.onFailed, report);
    // Nothing internal in the answer: the reason's detail and the error go to the hook only.
    const code = reason === 'handler_failed' || reason === 'store_unavailable' ? reason : 'internal_error';
    return answer(status, { error: code, message: RETRY_LATER });
  };
  const accept = (
    status: 200 | 202,
    outcome: AcceptedDeliveryReport['outcome'],
    error?: EventParseError,
  ): WebhookAnswer => {
    const id = webhookId!;
    if (hooks.onAccepted)
      notify(hooks.onAccepted, { status, outcome, webhookId: id, ...facts, error, durationMs: durationMs() });
    return answer(status, { status: outcome, webhookId: id });
  };
  const rejectVerification = (error: WebhookVerificationError): WebhookAnswer =>
    error.code === 'body_already_parsed'
      ? fail(500, 'body_already_parsed', error)
      : reject(error.status as 400 | 401 | 413, error.code as RejectionReason, error.message);

  try {
    if (request.method !== 'POST') return reject(405, 'method_not_allowed', 'Use POST', { allow: 'POST' });
    if (!JSON_MEDIA_TYPE.test(request.contentType ?? ''))
      return reject(415, 'unsupported_media_type', 'Content-Type must be application/json');
    if (Number(request.contentLength) > receiver.bodyLimit)
      return reject(413, 'payload_too_large', `The request body is larger than ${receiver.bodyLimit} bytes`);

    let webhook: Webhook;
    try {
      const made = receiver.webhook();
      webhook = made instanceof Promise ? await made : made; // no extra turn when the secret was a value
    } catch (error) {
      return fail(500, 'not_configured', error);
    }

    // The signed headers first, so that a stale or malformed delivery is refused before its body is read.
    let timestamp: number;
    try {
      ({ webhookId, timestamp } = webhook.verifyHeaders(request.headers));
    } catch (error) {
      if (error instanceof WebhookVerificationError) return rejectVerification(error);
      throw error;
    }

    let rawBody: Uint8Array;
    try {
      rawBody = await request.readBody(receiver.bodyLimit);
    } catch (error) {
      if (error instanceof WebhookVerificationError) return rejectVerification(error);
      return reject(400, 'unreadable_body', 'The request body could not be read');
    }

    let body: unknown;
    let invalid: EventParseError | undefined;
    try {
      body = await webhook.verifyAsync(rawBody, request.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      // Signed, but not JSON: a delivery all the same, for the invalid handler.
      if (error.code === 'payload_not_json') invalid = notJsonError();
      else return rejectVerification(error);
    }

    if (isObject(body) && 'id' in body && body.id !== webhookId)
      return reject(400, 'id_mismatch', 'webhook-id does not match the body’s id');

    const parsed = invalid ? undefined : parseEvent(body);
    if (parsed?.kind === 'invalid') invalid = parsed.error;
    if (parsed && parsed.kind !== 'invalid') {
      facts.type = parsed.event.type;
      facts.dataVersion = parsed.event.dataVersion;
    } else if (isObject(body)) {
      facts.type = typeof body.type === 'string' ? body.type.slice(0, 128) : undefined;
      facts.dataVersion = typeof body.dataVersion === 'number' ? body.dataVersion : undefined;
    }

    let claim: DeliveryClaim;
    try {
      const result = await receiver.store.claim(webhookId, { leaseMs: receiver.leaseMs });
      if (result.status === 'completed') return accept(200, 'duplicate');
      if (result.status === 'in_progress') {
        const seconds = Math.max(1, Math.ceil((result.retryAfterMs ?? receiver.leaseMs) / 1000));
        return reject(
          409,
          'delivery_in_progress',
          'This delivery is being handled by another attempt; retry later',
          {
            'retry-after': String(seconds),
          },
        );
      }
      claim = result;
    } catch (error) {
      return fail(503, 'store_unavailable', error);
    }
    facts.attempt = claim.attempt;

    const delivery: WebhookDelivery = { webhookId, timestamp, attempt: claim.attempt, receivedAt, rawBody };
    try {
      const result = invalid
        ? receiver.invalid?.(invalid, delivery)
        : receiver.route((parsed as Exclude<typeof parsed, { kind: 'invalid' } | undefined>).event, delivery);
      if (isThenable(result)) await result; // a sync handler's result needs no extra turn
    } catch (error) {
      await releaseQuietly(receiver.store, claim);
      return fail(500, 'handler_failed', error);
    }
    let completion: DeliveryCompletion;
    try {
      completion = await receiver.store.complete(claim);
    } catch (error) {
      await releaseQuietly(receiver.store, claim);
      return fail(503, 'store_unavailable', error);
    }
    // A store that settles duplicates when it commits: another attempt had completed this delivery first.
    if (completion?.status === 'duplicate') return accept(200, 'duplicate');
    if (invalid) return accept(receiver.invalidStatus, 'invalid', invalid);
    return accept(200, parsed!.kind === 'known' ? 'handled' : 'unknown');
  } catch (error) {
    return fail(500, 'internal_error', error);
  }
}

/** Releases a claim after a failure; if that fails too, the claim's lease frees it later. */
async function releaseQuietly(store: DeliveryStore, claim: DeliveryClaim): Promise<void> {
  try {
    await store.release(claim);
  } catch {}
}
