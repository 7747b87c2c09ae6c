import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';
import type { MirrorWriter } from './store/mirror-writer';
import type { ClaimedDelivery, ReceiverStore } from './store/store-types';

/** What handling an event amounts to: a status, and the writes to make with it, atomically. */
export interface ProcessingPlan {
  status: 'processed' | 'ignored';
  apply(mirror: MirrorWriter): Promise<void>;
}

/** Turns a claimed event into a plan; may do I/O (a refetch). Throwing means "retry later". */
export type PlanEvent = (delivery: ClaimedDelivery) => Promise<ProcessingPlan>;

export interface ProcessorOptions {
  store: ReceiverStore;
  plan: PlanEvent;
  logger: Logger;
  metrics?: Metrics;
  /** Identifies this process in leases; unique per process by default. */
  processorId?: string;
  leaseMs?: number;
  maxAttempts?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  pollMs?: number;
  batchSize?: number;
  /** After a wake-up, how long to let more deliveries arrive before claiming. */
  settleMs?: number;
  /** Finished deliveries older than this are purged; 0 or unset keeps them for ever. */
  retentionMs?: number;
  /** How often the purge runs (default hourly; the first run is right after start). */
  purgeIntervalMs?: number;
}

/** Exponential backoff with jitter: base·2^(attempt-1), capped, scaled by a random 50–100 %. */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (0.5 + random() * 0.5));
}

/**
 * Works through stored events off the request path: claims a batch, plans and applies each event,
 * retries failures with backoff and parks an event as a dead letter after `maxAttempts`.
 */
export class Processor {
  readonly processorId: string;
  readonly #o: Required<Omit<ProcessorOptions, 'metrics' | 'processorId'>> & { metrics: Metrics | undefined };
  #purgedAt = Number.NEGATIVE_INFINITY;
  #running: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #pendingWake = false;
  #settle: ReturnType<typeof setTimeout> | undefined;

  constructor(options: ProcessorOptions) {
    this.processorId = options.processorId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#o = {
      store: options.store,
      plan: options.plan,
      logger: options.logger,
      metrics: options.metrics,
      leaseMs: options.leaseMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 5,
      retryBaseMs: options.retryBaseMs ?? 1_000,
      retryMaxMs: options.retryMaxMs ?? 300_000,
      pollMs: options.pollMs ?? 500,
      batchSize: options.batchSize ?? 64,
      settleMs: options.settleMs ?? 10,
      retentionMs: options.retentionMs ?? 0,
      purgeIntervalMs: options.purgeIntervalMs ?? 3_600_000,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#stopping = false;
    this.#running = this.#loop();
  }

  /** Called after a delivery is stored, so it is picked up at once instead of at the next poll. */
  wake(): void {
    this.#pendingWake = true;
    // Wait a moment before claiming, so a burst of deliveries is claimed and committed as one batch.
    if (this.#wake && !this.#settle) {
      this.#settle = setTimeout(() => this.#wake?.(), this.#o.settleMs);
      this.#settle.unref?.();
    }
  }

  /** Stops claiming, finishes the batch in hand and resolves once idle. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#running;
    this.#running = undefined;
  }

  /** Processes everything that is due now; returns how many events were handled. For tests and tools. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.#runBatch();
      if (n === 0) return total;
      total += n;
    }
  }

  async #loop(): Promise<void> {
    while (!this.#stopping) {
      let handled = 0;
      try {
        handled = await this.#runBatch();
      } catch (error) {
        this.#o.logger.error({ err: error }, 'claiming events failed; will retry');
      }
      await this.#purgeWhenDue();
      // A short batch took everything due: claim again only when woken (a delivery was stored meanwhile)
      // or at the next poll, instead of spending a query to find the queue empty.
      if (handled < this.#o.batchSize && !this.#stopping) await this.#sleep(this.#o.pollMs);
    }
  }

  #sleep(ms: number): Promise<void> {
    if (this.#pendingWake) {
      this.#pendingWake = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      timer.unref?.();
      const self = this;
      function done() {
        clearTimeout(timer);
        clearTimeout(self.#settle);
        self.#settle = undefined;
        self.#wake = undefined;
        self.#pendingWake = false;
        resolve();
      }
      this.#wake = done;
    });
  }

  /** Runs the retention purge when it is due, a bounded number of rows per statement; drops expired sessions. */
  async #purgeWhenDue(): Promise<void> {
    const { store, logger, retentionMs, purgeIntervalMs } = this.#o;
    if (Date.now() - this.#purgedAt < purgeIntervalMs) return;
    this.#purgedAt = Date.now();
    try {
      await store.sessions.purgeExpired();
      if (retentionMs <= 0) return;
      const before = new Date(Date.now() - retentionMs);
      let purged = 0;
      for (let n = 1; n > 0 && !this.#stopping; ) {
        n = await store.purge(before);
        purged += n;
      }
      if (purged > 0) logger.info({ purged, before }, 'purged deliveries past their retention');
    } catch (error) {
      // Tried again at the next interval; nothing depends on it in the meantime.
      logger.warn({ err: error }, 'purging old deliveries failed');
    }
  }

  async #runBatch(): Promise<number> {
    const { store, plan, metrics, batchSize, leaseMs } = this.#o;
    const batch = await store.claim(this.processorId, batchSize, leaseMs);
    if (batch.length === 0) return 0;
    // Plan every event (I/O such as a refetch may happen here), then apply the successful plans in one
    // transaction: one commit per batch instead of one per event.
    const planned = await Promise.allSettled(batch.map((d) => plan(d)));
    const ready: { delivery: ClaimedDelivery; plan: ProcessingPlan }[] = [];
    const failed: Promise<void>[] = [];
    planned.forEach((result, i) => {
      const delivery = batch[i] as ClaimedDelivery;
      if (result.status === 'fulfilled') ready.push({ delivery, plan: result.value });
      else failed.push(this.#failed(delivery, result.reason));
    });
    await Promise.all(failed);
    if (ready.length === 0) return batch.length;
    try {
      const applied = await store.completeMany(
        this.processorId,
        ready.map((r) => ({ webhookId: r.delivery.webhookId, status: r.plan.status, apply: r.plan.apply })),
      );
      for (const [i, ok] of applied.entries()) {
        metrics?.processed(ok ? (ready[i]?.plan.status ?? 'processed') : 'lease_lost');
      }
    } catch {
      // Some apply failed and the batch rolled back: redo the events one by one so only the culprit fails.
      for (const r of ready) await this.#completeOne(r.delivery, r.plan);
    }
    return batch.length;
  }

  async #completeOne(delivery: ClaimedDelivery, p: ProcessingPlan): Promise<void> {
    const { store, logger, metrics } = this.#o;
    try {
      const applied = await store.complete(delivery.webhookId, this.processorId, p.status, p.apply);
      metrics?.processed(applied ? p.status : 'lease_lost');
      // A lost lease means another processor took the event over after ours expired; it finishes it.
      if (!applied) logger.warn({ webhookId: delivery.webhookId }, 'lease lost before completion');
    } catch (error) {
      await this.#failed(delivery, error);
    }
  }

  async #failed(delivery: ClaimedDelivery, error: unknown): Promise<void> {
    const { store, logger, metrics, maxAttempts, retryBaseMs, retryMaxMs } = this.#o;
    const log = logger.child({ webhookId: delivery.webhookId, attempt: delivery.attempts });
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const dead = delivery.attempts >= maxAttempts;
    const retryAt = dead
      ? null
      : new Date(Date.now() + retryDelayMs(delivery.attempts, retryBaseMs, retryMaxMs));
    try {
      await store.fail(delivery.webhookId, this.processorId, message, retryAt);
    } catch (storeError) {
      // The lease will expire and the event will be claimed again: nothing is lost.
      log.error({ err: storeError }, 'could not record the failure');
    }
    metrics?.processed(dead ? 'dead' : 'retried');
    if (dead) log.error({ err: error }, 'event parked as a dead letter');
    else log.warn({ err: error, retryAt }, 'event processing failed; will retry');
  }
}
