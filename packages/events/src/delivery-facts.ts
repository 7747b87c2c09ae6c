/**
 * How Listo delivers webhooks, as the webhooks overview guide states it ("At a glance"): the one home of these
 * facts. The AsyncAPI document (`@listo/events/asyncapi.json`) states them and the sandbox's gateway emulates
 * them (`LISTO_DELIVERY_POLICY`, `GATEWAY_USER_AGENT` of `@listo/sandbox` are read from here). The replay window
 * is the one `@listo/webhooks` enforces by default, which may not import this package: a repository test checks
 * that the two agree.
 */
export const WEBHOOK_DELIVERY_FACTS = Object.freeze({
  method: 'POST',
  contentType: 'application/json',
  /** The `User-Agent` of every delivery. */
  userAgent: 'ListoGlobal-Gateway/1.0',
  /** Each attempt times out after this many seconds. */
  attemptTimeoutSeconds: 30,
  /** Attempts per delivery, the first included. */
  maxAttempts: 3,
  /** The wait before attempt n+1 is `backoffSeconds[n-1]`, approximately (exponential backoff). */
  backoffSeconds: Object.freeze([2, 4, 8] as const),
  /** A receiver rejects a `webhook-timestamp` more than this many seconds from its clock. */
  replayWindowSeconds: 300,
  ordering: 'best-effort',
  /** The header that stays the same across retries: what to dedupe on. */
  idempotencyKey: 'webhook-id',
});
