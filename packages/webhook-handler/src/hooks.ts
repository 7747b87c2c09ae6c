import type { EventParseError } from '@listo/events';

/** Why a delivery was acknowledged: handled by its own handler, `unknown`/`otherwise`, `invalid`, or a duplicate. */
export type AcceptedOutcome = 'handled' | 'unknown' | 'invalid' | 'duplicate';

/** Why a request was refused (4xx): a fault of the request, which a retry of it cannot fix (except 409). */
export type RejectionReason =
  | 'method_not_allowed'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'missing_header'
  | 'malformed_header'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'no_matching_signature'
  | 'unreadable_body'
  | 'id_mismatch'
  | 'delivery_in_progress';

/** Why a delivery failed on this side (5xx): Listo retries it. */
export type FailureReason =
  /** A handler threw or rejected. */
  | 'handler_failed'
  /** The store's claim or complete failed. */
  | 'store_unavailable'
  /** The secret could not be had (its provider threw, or it is not a valid key). */
  | 'not_configured'
  /** Something (a JSON body parser) consumed the body before the handler: a setup mistake. */
  | 'body_already_parsed'
  /** Anything else that should not happen. */
  | 'internal_error';

/** What every hook is told. */
export interface DeliveryReport {
  /** The HTTP status answered. */
  readonly status: number;
  /** Milliseconds from the request's arrival to the answer. */
  readonly durationMs: number;
}

/** A delivery that was acknowledged (2xx). */
export interface AcceptedDeliveryReport extends DeliveryReport {
  readonly outcome: AcceptedOutcome;
  readonly webhookId: string;
  /** The event's `type` and `dataVersion` (absent for an invalid delivery that did not say). */
  readonly type?: string | undefined;
  readonly dataVersion?: number | undefined;
  /** Absent for a duplicate (no handler ran). */
  readonly attempt?: number | undefined;
  /** Why an `invalid` delivery is invalid. */
  readonly error?: EventParseError | undefined;
}

/** A request that was refused (4xx). */
export interface RejectedDeliveryReport extends DeliveryReport {
  readonly reason: RejectionReason;
  /** What was wrong (never a secret, a signature or the body). */
  readonly message: string;
  /**
   * The `webhook-id` header when it was read. Until the signature checks out (`no_matching_signature` and the
   * reasons before it) it is only what the sender claimed.
   */
  readonly webhookId?: string | undefined;
}

/** A delivery that failed here (5xx): Listo will retry it. */
export interface FailedDeliveryReport extends DeliveryReport {
  readonly reason: FailureReason;
  readonly webhookId?: string | undefined;
  readonly type?: string | undefined;
  readonly dataVersion?: number | undefined;
  readonly attempt?: number | undefined;
  /** What was thrown: by a handler, the store, or the secret's provider. Never sent in the answer. */
  readonly error: unknown;
}

/**
 * Observers for logging and metrics. They are told after the answer is decided and cannot change it; a hook that
 * throws (or rejects) is ignored. They never receive a secret. Without `onFailed`, failures are written to
 * `console.error` so that a handler's exception is not lost; pass `onFailed` to route them elsewhere.
 */
export interface WebhookHandlerHooks {
  /** Told of each 2xx answer: handled, unknown, invalid or duplicate. */
  onAccepted?(report: AcceptedDeliveryReport): unknown;
  /** Told of each 4xx answer, with the reason. */
  onRejected?(report: RejectedDeliveryReport): unknown;
  /** Told of each 5xx answer (a handler threw, the store failed), with the error. */
  onFailed?(report: FailedDeliveryReport): unknown;
}

/** Calls a hook without letting it throw or reject into the handler. */
export function notify<R>(hook: ((report: R) => unknown) | undefined, report: R): void {
  if (!hook) return;
  try {
    const result = hook(report);
    if (result && typeof (result as PromiseLike<unknown>).then === 'function')
      (result as PromiseLike<unknown>).then(undefined, () => {});
  } catch {}
}

/** The default `onFailed`: one line on the console, with the error (its stack) but nothing else. */
export function logFailure(report: FailedDeliveryReport): void {
  console.error(
    `[@listo/webhook-handler] ${report.reason} (answered ${report.status}${report.webhookId ? `, webhook-id ${report.webhookId}` : ''})`,
    report.error,
  );
}
