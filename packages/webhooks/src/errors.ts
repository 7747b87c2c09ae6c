/**
 * The HTTP status a receiver should answer for each verification failure. All are final: a retry of the
 * same delivery cannot succeed, except `payload_too_large` (413) and `body_already_parsed` (500), which
 * point at the receiver's own configuration.
 */
export const WEBHOOK_ERROR_STATUS = {
  /** A `webhook-id`, `webhook-timestamp` or `webhook-signature` header is absent or empty. */
  missing_header: 400,
  /** `webhook-timestamp` is not plain decimal seconds, or `webhook-signature` has no `version,signature` entry. */
  malformed_header: 400,
  /** `webhook-timestamp` is further in the past than the tolerance (a replay, or a slow clock). */
  timestamp_too_old: 401,
  /** `webhook-timestamp` is further in the future than the tolerance (a fast clock). */
  timestamp_too_new: 401,
  /** No `v1` signature matches the payload under any configured secret. */
  no_matching_signature: 401,
  /** The signature is valid but the body is not JSON (or not UTF-8). */
  payload_not_json: 400,
  /** The raw body is larger than the adapter's `limit`. */
  payload_too_large: 413,
  /** The body was parsed (or read) before verification, so the signed raw bytes are gone. */
  body_already_parsed: 500,
} as const;

/** A stable, documented reason for a failed verification. */
export type WebhookVerificationErrorCode = keyof typeof WEBHOOK_ERROR_STATUS;

/** The HTTP statuses a {@link WebhookVerificationError} can hold: `400 | 401 | 413 | 500`. */
export type WebhookVerificationErrorStatus = (typeof WEBHOOK_ERROR_STATUS)[WebhookVerificationErrorCode];

/** Thrown (or rejected) when a delivery cannot be verified. Switch on `code`; answer with `status`. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError' as const;
  /** Why verification failed; stable across versions. */
  declare readonly code: WebhookVerificationErrorCode;
  /**
   * The HTTP status a receiver should answer with: a union of literals, so that a framework's typed status
   * parameter (Hono's `c.json(body, error.status)`) takes it as is.
   */
  declare readonly status: WebhookVerificationErrorStatus;

  /** An error with a stable `code`; its `status` (400, 401, 413 or 500) follows from the code. */
  constructor(code: WebhookVerificationErrorCode, message: string) {
    super(message);
    this.code = code;
    this.status = WEBHOOK_ERROR_STATUS[code];
  }

  /**
   * Recognises errors of this kind by name and code rather than by prototype, so `instanceof` holds across the
   * ESM and CJS builds and the copies of this class that each entry (`.`, `/node`, `/fetch`) carries.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    const error = value as WebhookVerificationError | null;
    return error?.name === 'WebhookVerificationError' && Object.hasOwn(WEBHOOK_ERROR_STATUS, error.code);
  }
}

/** Thrown by `new Webhook(…)` when a secret is malformed. The message never contains the secret. */
export class InvalidWebhookSecretError extends TypeError {
  override readonly name = 'InvalidWebhookSecretError' as const;
}
