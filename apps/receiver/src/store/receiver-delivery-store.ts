import type { DeliveryClaim, DeliveryCompletion, DeliveryStore } from '@listo/webhook-handler';
import type { IncomingDelivery, ReceiverStore } from './store-types';

/** The `DeliveryStore` of `@listo/webhook-handler` over the receiver's store, plus where handlers stage. */
export interface ReceiverDeliveryStore extends DeliveryStore {
  /** Hands a verified delivery to the live claim of its webhook-id: `complete` commits it. */
  stage(delivery: IncomingDelivery): void;
}

interface LiveClaim {
  readonly claim: DeliveryClaim;
  staged: IncomingDelivery | undefined;
  readonly settled: Promise<void>;
  readonly settle: () => void;
}

/**
 * Settles duplicates when it commits (see `DeliveryStore`): the deliveries table, keyed by webhook-id, is the
 * durable record, and `complete` writes the staged delivery there with the group commit of `recordDelivery`
 * (`INSERT … ON CONFLICT`, one transaction for the delivery and its event). So a 2xx follows the commit; a
 * duplicate, even one racing in from another replica, is counted (`timesReceived`) and answered `200 duplicate`;
 * and a failed commit rejects, which the handler answers 503 (not acknowledged: Listo retries).
 *
 * Claims live in this process only, for as long as their request: one per webhook-id at a time, so that `stage`
 * knows where a delivery goes. A copy arriving meanwhile waits for it to settle, then finds the delivery committed
 * (200 duplicate) or, after a failure, commits it itself. No lease is needed: nothing survives a crash but commits.
 * `attempt` is always 1; the store counts receipts (`timesReceived`) and processing attempts (`attempts`).
 */
export function createReceiverDeliveryStore(
  store: Pick<ReceiverStore, 'recordDelivery'>,
): ReceiverDeliveryStore {
  const live = new Map<string, LiveClaim>();
  const settle = (claim: DeliveryClaim) => {
    const entry = live.get(claim.webhookId);
    if (entry?.claim !== claim) return;
    live.delete(claim.webhookId);
    entry.settle();
  };

  return {
    async claim(webhookId) {
      for (let entry = live.get(webhookId); entry; entry = live.get(webhookId)) await entry.settled;
      let done = () => {};
      const settled = new Promise<void>((resolve) => {
        done = resolve;
      });
      const claim: DeliveryClaim = { status: 'claimed', webhookId, attempt: 1 };
      live.set(webhookId, { claim, staged: undefined, settled, settle: done });
      return claim;
    },

    stage(delivery) {
      const entry = live.get(delivery.webhookId);
      // Handlers run only while their delivery's claim is live; anything else is a bug here, answered 500.
      if (!entry) throw new Error('a delivery was staged without a live claim');
      entry.staged = delivery;
    },

    async complete(claim): Promise<DeliveryCompletion> {
      try {
        const staged = live.get(claim.webhookId)?.staged;
        if (!staged) throw new Error('a claim was completed with nothing staged');
        return (await store.recordDelivery(staged)) === 'duplicate' ? { status: 'duplicate' } : undefined;
      } finally {
        settle(claim);
      }
    },

    async release(claim) {
      settle(claim);
    },
  };
}
