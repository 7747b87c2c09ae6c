import { WEBHOOK_DELIVERY_FACTS } from '@listo/events';

/** How the gateway delivers: Listo's documented policy, with the backoff scalable for tests. */
export interface DeliveryPolicy {
  /** Attempts per delivery, the first included. Listo: 3. */
  maxAttempts: number;
  /** Wait before attempt n+1 is `backoffMs[n-1]` (the last value repeats). Listo: ~2 s, ~4 s, ~8 s. */
  backoffMs: readonly number[];
  /** Per-attempt timeout. Listo: 30 s. */
  attemptTimeoutMs: number;
}

/**
 * Listo's documented policy: 3 attempts, ~2 s and ~4 s apart (8 s for a fourth), 30 s each. Read from
 * `WEBHOOK_DELIVERY_FACTS` of `@listo/events`, the one home of these facts (its AsyncAPI document states them).
 */
export const LISTO_DELIVERY_POLICY: DeliveryPolicy = Object.freeze({
  maxAttempts: WEBHOOK_DELIVERY_FACTS.maxAttempts,
  backoffMs: Object.freeze(WEBHOOK_DELIVERY_FACTS.backoffSeconds.map((seconds) => seconds * 1000)),
  attemptTimeoutMs: WEBHOOK_DELIVERY_FACTS.attemptTimeoutSeconds * 1000,
});

/** Changes to Listo's delivery policy, for tests (a scaled backoff, fewer attempts, a shorter timeout). */
export interface DeliveryPolicyOptions {
  /**
   * The backoff schedule in milliseconds, or a number that scales Listo's `[2000, 4000, 8000]`
   * (`0.001` gives 2/4/8 ms, handy in tests).
   */
  deliveryBackoffMs?: readonly number[] | number;
  maxAttempts?: number;
  attemptTimeoutMs?: number;
}

/** Listo's delivery policy with `options` applied; throws a `RangeError` for values out of range. */
export function resolveDeliveryPolicy(options: DeliveryPolicyOptions = {}): DeliveryPolicy {
  const { deliveryBackoffMs, maxAttempts, attemptTimeoutMs } = options;
  const backoffMs =
    typeof deliveryBackoffMs === 'number'
      ? LISTO_DELIVERY_POLICY.backoffMs.map((ms) => Math.round(ms * deliveryBackoffMs))
      : (deliveryBackoffMs ?? LISTO_DELIVERY_POLICY.backoffMs);
  if (backoffMs.length === 0 || backoffMs.some((ms) => !Number.isFinite(ms) || ms < 0)) {
    throw new RangeError('deliveryBackoffMs must be non-negative numbers, or a non-negative scale factor.');
  }
  const policy: DeliveryPolicy = {
    maxAttempts: maxAttempts ?? LISTO_DELIVERY_POLICY.maxAttempts,
    backoffMs: [...backoffMs],
    attemptTimeoutMs: attemptTimeoutMs ?? LISTO_DELIVERY_POLICY.attemptTimeoutMs,
  };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError('maxAttempts must be a positive integer.');
  }
  if (!(policy.attemptTimeoutMs > 0)) throw new RangeError('attemptTimeoutMs must be positive.');
  return policy;
}

export function backoffBefore(policy: DeliveryPolicy, nextAttempt: number): number {
  const index = Math.min(nextAttempt - 2, policy.backoffMs.length - 1);
  return policy.backoffMs[Math.max(index, 0)] ?? 0;
}
