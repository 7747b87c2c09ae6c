import type { DeliveryClaim, DeliveryClaimResult, DeliveryStore } from './delivery-store';

/** Options of {@link createMemoryDeliveryStore}. */
export interface MemoryDeliveryStoreOptions {
  /** How long a completed (or released) delivery is remembered, in milliseconds. Default one day. */
  readonly retentionMs?: number | undefined;
  /**
   * The most deliveries remembered at once; past it, the oldest completed or released ones are forgotten first
   * (live claims never are). Default 100,000 (a few tens of MB at most).
   */
  readonly maxEntries?: number | undefined;
}

interface Entry {
  state: 'claimed' | 'completed' | 'released';
  attempt: number;
  /** Lease end for a live claim; end of retention otherwise (Date.now() milliseconds). */
  until: number;
}

const DAY = 86_400_000;

function positive(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value > 0)) throw new RangeError(`${name} must be a positive integer`);
  return value;
}

/**
 * A {@link DeliveryStore} in this process's memory: atomic because JavaScript runs one claim at a time. Right for
 * one process; deduplication is lost on restart and not shared between replicas (bring a durable store for those).
 */
export function createMemoryDeliveryStore(options: MemoryDeliveryStoreOptions = {}): DeliveryStore {
  const retentionMs = positive('retentionMs', options.retentionMs ?? DAY);
  const maxEntries = positive('maxEntries', options.maxEntries ?? 100_000);
  // Insertion order is update order: an entry is re-inserted whenever it changes, so the oldest come first.
  const entries = new Map<string, Entry>();

  const set = (webhookId: string, entry: Entry) => {
    entries.delete(webhookId);
    entries.set(webhookId, entry);
  };

  /**
   * Forgets the oldest entries that are past their retention (a claim abandoned for longer than the retention
   * counts) and, at the cap, the oldest settled ones. Entries are in update order, so the first settled entry that
   * must stay ends the sweep: amortised constant work per call, bounded by `budget`.
   */
  const sweep = (now: number) => {
    let budget = 16;
    for (const [webhookId, entry] of entries) {
      if (budget-- === 0) break;
      if (entry.state === 'claimed') {
        if (entry.until + retentionMs <= now) entries.delete(webhookId);
        continue;
      }
      if (entry.until > now && entries.size < maxEntries) break;
      entries.delete(webhookId);
    }
  };

  const claimOf = (webhookId: string, attempt: number): DeliveryClaim => ({
    status: 'claimed',
    webhookId,
    attempt,
  });

  return {
    async claim(webhookId, { leaseMs }): Promise<DeliveryClaimResult> {
      const now = Date.now();
      sweep(now);
      const entry = entries.get(webhookId);
      if (entry?.state === 'completed' && entry.until > now) return { status: 'completed' };
      if (entry?.state === 'claimed' && entry.until > now)
        return { status: 'in_progress', retryAfterMs: entry.until - now };
      // New, released, or a claim whose lease ran out: claim it.
      const attempt = (entry?.attempt ?? 0) + 1;
      set(webhookId, { state: 'claimed', attempt, until: now + leaseMs });
      return claimOf(webhookId, attempt);
    },

    async complete({ webhookId, attempt }) {
      const entry = entries.get(webhookId);
      // A claim taken over after its lease ran out still completes the delivery: it was handled.
      const latest = Math.max(attempt, entry?.attempt ?? 0);
      set(webhookId, { state: 'completed', attempt: latest, until: Date.now() + retentionMs });
    },

    async release({ webhookId, attempt }) {
      const entry = entries.get(webhookId);
      // Only the claim given: a newer claim that took over an expired one stays.
      if (entry?.state === 'claimed' && entry.attempt === attempt)
        set(webhookId, { state: 'released', attempt, until: Date.now() + retentionMs });
    },
  };
}
