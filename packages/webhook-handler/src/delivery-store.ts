/**
 * Where a handler records which deliveries it has handled, so that each `webhook-id` is handled once.
 * `createMemoryDeliveryStore()` is the in-process one; bring a durable one (PostgreSQL, Redis, …) when
 * replicas share the work or deliveries must stay deduplicated across restarts.
 *
 * The contract, for a store's implementer:
 *
 * - **`claim` is atomic.** Of any number of concurrent claims of one `webhookId`, across every process that shares
 *   the store, at most one gets `{ status: 'claimed' }` while that claim is live. In SQL: one
 *   `INSERT … ON CONFLICT (webhook_id) DO UPDATE … WHERE <released or lease expired> RETURNING …`.
 * - **A claim is live until it is completed, released, or its lease runs out**: `leaseMs` after it was granted.
 *   A claim whose lease ran out (its process crashed, or the handler is still running) may be taken over by the
 *   next `claim`, which then gets `attempt + 1`. So a handler can run twice only if it runs past the lease.
 * - **`claim` of a completed delivery gives `{ status: 'completed' }`** (the handler answers `200 duplicate`
 *   without calling a handler), for as long as the store keeps it: keep completed ids well beyond Listo's retry
 *   horizon (three attempts over about a minute, each signed afresh within the 5-minute replay window); a day
 *   is a sound default.
 * - **`claim` of a live claim gives `{ status: 'in_progress' }`.** The handler answers `409` (with `Retry-After`),
 *   not a 2xx: the first attempt may still fail and release its claim, and a 2xx for the duplicate would tell Listo
 *   the event was received when nothing kept it. A non-2xx keeps the event in Listo's retry schedule (1 initial
 *   attempt + 2 retries, ~2 s and ~4 s apart); the next attempt finds it completed (`200`) or released (handled
 *   then).
 * - **`complete` is awaited before the 2xx is sent.** A durable store commits there; only a resolved `complete`
 *   acknowledges the delivery. If it rejects, the handler releases the claim and answers `503`, so Listo retries.
 * - **`release` gives up a claim after a failure**: the handler threw (answered `500`) or `complete` failed. The
 *   next claim of that `webhookId` gets it, with `attempt + 1`. A store must only release the claim it is given:
 *   when a claim whose lease ran out is released after another process took it over, the newer claim stays (match
 *   on `attempt`, or on a token of the store's own that it put in the claim).
 *
 * **Or a store settles duplicates when it commits.** A store whose `complete` writes the delivery itself, keyed by
 * `webhook-id` (`INSERT … ON CONFLICT` in one transaction with what the handler staged), may grant every claim and
 * resolve `complete` with `{ status: 'duplicate' }` when the delivery turns out to be completed already: the answer
 * is then `200 duplicate`, as for a duplicate refused at `claim`. Handlers then may run more than once for one
 * `webhook-id` (on concurrent duplicates), so they must do nothing but hand the delivery to that commit.
 *
 * The claim objects a store returns are handed back to it unchanged, so a store may return a subtype of
 * {@link DeliveryClaim} with fields of its own (a token, a connection): type it as `DeliveryStore<MyClaim>`.
 */
export interface DeliveryStore<Claim extends DeliveryClaim = DeliveryClaim> {
  /** Claims `webhookId` for handling (see the contract above). */
  claim(webhookId: string, options: DeliveryClaimOptions): Promise<DeliveryClaimResult<Claim>>;
  /**
   * Marks a claimed delivery handled; awaited before the 2xx is sent. Resolves `{ status: 'duplicate' }` when the
   * store found the delivery completed already by another attempt (a store that settles duplicates when it commits).
   */
  complete(claim: Claim): Promise<DeliveryCompletion>;
  /** Gives a claim up after a failure, so that a retry can claim the delivery again. */
  release(claim: Claim): Promise<void>;
}

/**
 * What {@link DeliveryStore.complete} resolves to: nothing when the claim completed the delivery, or `duplicate` when
 * another attempt had completed it first (answered `200 duplicate`).
 */
// biome-ignore lint/suspicious/noConfusingVoidType: a store's `complete` that returns nothing stays a valid one.
export type DeliveryCompletion = void | { readonly status: 'duplicate' };

/** What a {@link DeliveryStore.claim} is asked for. */
export interface DeliveryClaimOptions {
  /** How long the claim stays live without being completed or released, in milliseconds. */
  readonly leaseMs: number;
}

/** A live claim on a delivery. */
export interface DeliveryClaim {
  readonly status: 'claimed';
  readonly webhookId: string;
  /** 1 for the first claim of this `webhookId`, then one more for each claim released or expired before it. */
  readonly attempt: number;
}

/** What {@link DeliveryStore.claim} answers. */
export type DeliveryClaimResult<Claim extends DeliveryClaim = DeliveryClaim> =
  | Claim
  | { readonly status: 'completed' }
  | {
      readonly status: 'in_progress';
      /** How long until the live claim's lease runs out, when the store knows: sent as `Retry-After`. */
      readonly retryAfterMs?: number | undefined;
    };
