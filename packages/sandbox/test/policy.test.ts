import { describe, expect, it } from 'vitest';
import { LISTO_DELIVERY_POLICY, resolveDeliveryPolicy } from '../src/index';

describe('the delivery policy', () => {
  it("defaults to Listo's: 3 attempts, ~2/4/8 s backoff, 30 s per attempt", () => {
    expect(resolveDeliveryPolicy()).toEqual({
      maxAttempts: 3,
      backoffMs: [2000, 4000, 8000],
      attemptTimeoutMs: 30_000,
    });
    expect(LISTO_DELIVERY_POLICY).toEqual(resolveDeliveryPolicy());
  });

  it('scales the backoff by a factor, or takes an explicit schedule', () => {
    expect(resolveDeliveryPolicy({ deliveryBackoffMs: 0.01 }).backoffMs).toEqual([20, 40, 80]);
    expect(resolveDeliveryPolicy({ deliveryBackoffMs: [5, 10] }).backoffMs).toEqual([5, 10]);
  });

  it('rejects schedules and limits that cannot work', () => {
    expect(() => resolveDeliveryPolicy({ deliveryBackoffMs: [] })).toThrow(RangeError);
    expect(() => resolveDeliveryPolicy({ deliveryBackoffMs: -1 })).toThrow(RangeError);
    expect(() => resolveDeliveryPolicy({ maxAttempts: 0 })).toThrow(RangeError);
    expect(() => resolveDeliveryPolicy({ attemptTimeoutMs: 0 })).toThrow(RangeError);
  });
});
