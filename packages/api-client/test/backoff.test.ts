import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, sleep } from '../src/backoff';

describe('fullJitterDelay', () => {
  it('draws uniformly between 0 and the exponential ceiling', () => {
    expect(fullJitterDelay(0, 250, 30_000, () => 0)).toBe(0);
    expect(fullJitterDelay(0, 250, 30_000, () => 0.999)).toBe(249);
    expect(fullJitterDelay(1, 250, 30_000, () => 0.5)).toBe(250);
    expect(fullJitterDelay(3, 250, 30_000, () => 0.5)).toBe(1000);
  });

  it('never exceeds maxDelayMs', () => {
    for (let retry = 0; retry < 40; retry++) {
      const delay = fullJitterDelay(retry, 250, 30_000, () => 0.999_999);
      expect(delay).toBeLessThan(30_000);
      expect(delay).toBeGreaterThanOrEqual(0);
    }
  });

  it('spreads retries out instead of synchronising them', () => {
    const delays = new Set(Array.from({ length: 50 }, () => fullJitterDelay(4, 250, 30_000)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-05-02T10:00:00Z');

  it('reads delta-seconds', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter(' 2 ', now)).toBe(2000);
  });

  it('reads an HTTP-date, and a date in the past as no wait', () => {
    expect(parseRetryAfter('Sat, 02 May 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 02 May 2026 09:00:00 GMT', now)).toBe(0);
  });

  it('ignores an absent or unreadable header', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
  });
});

describe('sleep', () => {
  it('rejects at once with the reason of an aborted signal', async () => {
    const reason = new Error('stop');
    await expect(sleep(60_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });
});
