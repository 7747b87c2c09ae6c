import { setMaxListeners } from 'node:events';
import type { InstanceIntegrationId } from '@listo/ids';
import { Webhook } from '@listo/webhooks';
import type { SeededRandom } from '../dataset/seeded-random';
import { notFound } from '../http/http-error';
import { type DeliveryAttempt, deliver, sleep } from './deliver';
import type { DeliveryPolicy } from './delivery-policy';

/** Where the gateway delivers one installation's events. */
export interface Subscription {
  id: string;
  installationId: InstanceIntegrationId;
  url: string;
  /**
   * Signing secrets (`whk_…`). One normally; two while a key is being rotated, when every delivery carries
   * one signature per secret.
   */
  secrets: string[];
  /** Only these event types are delivered; all when absent. */
  eventTypes?: string[];
  createdAt: string;
}

/** A subscription to register: the URL, its signing key (or keys, while one is rotated) and optional event types. */
export interface SubscribeInput {
  installationId: InstanceIntegrationId;
  url: string;
  secret?: string;
  secrets?: readonly string[];
  eventTypes?: readonly string[];
}

/** Switches that provoke what the guides promise can happen, so a receiver can be tested against it. */
export interface ChaosOptions {
  /** Probability (0..1) that a delivery is sent a second time, with the same `webhook-id`. */
  duplicateRate?: number;
  /**
   * Events published within this many milliseconds of the first one are held back and delivered together in
   * a shuffled order (never the original one, when there are two or more). 0 turns it off.
   */
  reorderWindowMs?: number;
  /** Wait before the first attempt of every delivery, in milliseconds. */
  delayMs?: number;
}

/** The minimal event shape the gateway needs; the body is whatever the event serialises to. */
export interface GatewayEvent {
  id: string;
  type: string;
}

interface Pending {
  subscription: Subscription;
  event: GatewayEvent;
  body: string;
}

/** A published event, kept so that it can be sent again with {@link WebhookGateway.resend}. */
interface Published {
  event: GatewayEvent;
  body: string;
  /** The subscriptions it was scheduled for. */
  subscriptionIds: Set<string>;
}

/** One delivery run (one event to one subscription) and its attempts. */
export interface DeliveryRun {
  deliveryId: string;
  subscriptionId: string;
  ok: boolean;
  attempts: DeliveryAttempt[];
}

/** Options of `resend`. */
export interface ResendOptions {
  /** Send to this subscription only. By default: every subscription the event was first delivered to. */
  subscriptionId?: string;
}

/** What `resend` sent: the same event (same `webhook-id`, same body), freshly timestamped and signed. */
export interface ResendResult {
  webhookId: string;
  eventType: string;
  deliveries: DeliveryRun[];
}

export interface GatewayOptions {
  policy: DeliveryPolicy;
  chaos?: ChaosOptions;
  /** Drives chaos decisions, so a seeded sandbox misbehaves the same way each run. */
  random: SeededRandom;
}

/** The webhook gateway emulator: subscriptions, fan-out, signed deliveries with retries, chaos. */
export class WebhookGateway {
  readonly #subscriptions = new Map<string, Subscription>();
  readonly #log: DeliveryAttempt[] = [];
  readonly #published = new Map<string, Published>();
  readonly #inFlight = new Set<Promise<unknown>>();
  readonly #stop = new AbortController();
  readonly #random: SeededRandom;
  readonly #waiters = new Set<() => void>();
  #policy: DeliveryPolicy;
  #chaos: Required<ChaosOptions>;
  #reorderBuffer: Pending[] = [];
  #reorderFlush: { timer: ReturnType<typeof setTimeout>; release: () => void } | undefined;
  #sequence = 0;

  /** A gateway with its own subscriptions and delivery log; `startSandbox` makes one for you. */
  constructor(options: GatewayOptions) {
    this.#policy = options.policy;
    // Every in-flight delivery listens for the stop signal; there can be any number of them at once.
    setMaxListeners(0, this.#stop.signal);
    this.#random = options.random;
    this.#chaos = { duplicateRate: 0, reorderWindowMs: 0, delayMs: 0 };
    this.setChaos(options.chaos ?? {});
  }

  /** The delivery policy in force. */
  get policy(): DeliveryPolicy {
    return this.#policy;
  }

  /** The chaos switches in force. */
  get chaos(): Readonly<Required<ChaosOptions>> {
    return { ...this.#chaos };
  }

  /** Changes some chaos switches; the others keep their value. */
  setChaos(chaos: ChaosOptions): void {
    const next = { ...this.#chaos, ...stripUndefined(chaos) };
    if (!(next.duplicateRate >= 0 && next.duplicateRate <= 1)) {
      throw new RangeError('chaos.duplicateRate must be between 0 and 1.');
    }
    if (!(next.reorderWindowMs >= 0) || !(next.delayMs >= 0)) {
      throw new RangeError('chaos.reorderWindowMs and chaos.delayMs must be non-negative.');
    }
    this.#chaos = next;
  }

  /** Registers a webhook URL; throws a `TypeError` for a URL that is not http(s) or a malformed key. */
  subscribe(input: SubscribeInput): Subscription {
    const secrets = [...(input.secrets ?? []), ...(input.secret === undefined ? [] : [input.secret])];
    if (secrets.length === 0)
      throw new TypeError('A subscription needs a signing secret (secret or secrets).');
    for (const secret of secrets) assertSecret(secret);
    let url: URL;
    try {
      url = new URL(input.url);
    } catch {
      throw new TypeError(`Not an absolute URL: ${JSON.stringify(input.url)}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new TypeError('A subscription URL must be http: or https:.');
    }
    const subscription: Subscription = {
      id: `sub_${String(++this.#sequence).padStart(4, '0')}`,
      installationId: input.installationId,
      url: url.href,
      secrets,
      createdAt: new Date().toISOString(),
      ...(input.eventTypes ? { eventTypes: [...input.eventTypes] } : {}),
    };
    this.#subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  /** Removes a subscription; `false` if there was none with this id. */
  unsubscribe(subscriptionId: string): boolean {
    return this.#subscriptions.delete(subscriptionId);
  }

  /** Every subscription, without its secrets. */
  subscriptions(): Subscription[] {
    return [...this.#subscriptions.values()];
  }

  /** Starts a key rotation: from now on deliveries are signed with the current key(s) and `newSecret`. */
  rotateSecret(subscriptionId: string, newSecret: string): Subscription {
    const subscription = this.#get(subscriptionId);
    assertSecret(newSecret);
    subscription.secrets = [...subscription.secrets, newSecret];
    return subscription;
  }

  /** Ends a key rotation: only the newest key signs from now on. */
  completeRotation(subscriptionId: string): Subscription {
    const subscription = this.#get(subscriptionId);
    subscription.secrets = subscription.secrets.slice(-1);
    return subscription;
  }

  /** Every attempt made so far, oldest first. */
  deliveries(): DeliveryAttempt[] {
    return [...this.#log];
  }

  /**
   * Fans `event` out to every subscription of `installationId` that wants its type, and returns how many
   * deliveries were scheduled (a chaos duplicate counts as one more). Delivery happens in the background.
   */
  publish(installationId: string, event: GatewayEvent): number {
    const body = JSON.stringify(event);
    const published: Published = { event, body, subscriptionIds: new Set() };
    this.#published.set(event.id, published);
    let scheduled = 0;
    for (const subscription of this.#subscriptions.values()) {
      if (subscription.installationId !== installationId) continue;
      if (subscription.eventTypes && !subscription.eventTypes.includes(event.type)) continue;
      published.subscriptionIds.add(subscription.id);
      const copies = this.#random.next() < this.#chaos.duplicateRate ? 2 : 1;
      for (let i = 0; i < copies; i++) {
        this.#enqueue({ subscription, event, body });
        scheduled++;
      }
    }
    return scheduled;
  }

  /**
   * Sends a published event again, like `stripe events resend`: the same `webhook-id` and body, a fresh
   * timestamp and signature, the full retry policy and no chaos. Resolves once every run has finished.
   * 404 when no event with that id was published, or the named subscription does not exist.
   */
  async resend(webhookId: string, options: ResendOptions = {}): Promise<ResendResult> {
    const published = this.#published.get(webhookId);
    if (!published) throw notFound(`No event with webhook-id ${webhookId} has been published`);
    const targets =
      options.subscriptionId === undefined
        ? [...published.subscriptionIds].flatMap((id) => this.#subscriptions.get(id) ?? [])
        : [this.#get(options.subscriptionId)];
    const { event, body } = published;
    const deliveries = await Promise.all(
      targets.map((subscription) => this.#track(this.#run({ subscription, event, body }, false))),
    );
    return { webhookId, eventType: event.type, deliveries };
  }

  /**
   * Resolves once nothing is being delivered or held back (every delivery has succeeded or used up its
   * attempts); rejects after `timeoutMs`.
   */
  async idle(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.#inFlight.size > 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error(`Deliveries still in flight after ${timeoutMs} ms.`);
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([
        Promise.allSettled([...this.#inFlight]),
        new Promise((resolve) => {
          timer = setTimeout(resolve, remaining);
        }),
      ]);
      clearTimeout(timer);
    }
  }

  /** Resolves with the log once `predicate` holds for it; rejects after `timeoutMs`. */
  waitFor(
    predicate: (log: readonly DeliveryAttempt[]) => boolean,
    timeoutMs = 60_000,
  ): Promise<DeliveryAttempt[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!predicate(this.#log)) return false;
        cleanup();
        resolve([...this.#log]);
        return true;
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`The delivery log did not reach the expected state within ${timeoutMs} ms.`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      if (!check()) this.#waiters.add(check);
    });
  }

  /** Aborts in-flight attempts and drops held-back deliveries. */
  async close(): Promise<void> {
    this.#stop.abort();
    if (this.#reorderFlush) {
      clearTimeout(this.#reorderFlush.timer);
      this.#reorderBuffer = [];
      this.#reorderFlush.release();
      this.#reorderFlush = undefined;
    }
    await Promise.allSettled([...this.#inFlight]);
  }

  #get(subscriptionId: string): Subscription {
    const subscription = this.#subscriptions.get(subscriptionId);
    if (!subscription) throw notFound(`Subscription ${subscriptionId} not found`);
    return subscription;
  }

  #enqueue(pending: Pending): void {
    if (this.#stop.signal.aborted) return;
    if (this.#chaos.reorderWindowMs <= 0) {
      void this.#track(this.#run(pending));
      return;
    }
    this.#reorderBuffer.push(pending);
    if (this.#reorderFlush) return;
    let release = () => {};
    // Held-back deliveries count as in flight, so idle() waits for them.
    void this.#track(new Promise<void>((resolve) => (release = resolve)));
    const timer = setTimeout(() => {
      const batch = this.#reorderBuffer;
      this.#reorderBuffer = [];
      this.#reorderFlush = undefined;
      let order = this.#random.shuffle(batch);
      if (batch.length > 1 && order.every((item, i) => item === batch[i])) order = [...batch].reverse();
      for (const item of order) void this.#track(this.#run(item));
      release();
    }, this.#chaos.reorderWindowMs);
    this.#reorderFlush = { timer, release };
  }

  async #run({ subscription, event, body }: Pending, chaos = true): Promise<DeliveryRun> {
    const deliveryId = `dlv_${String(++this.#sequence).padStart(6, '0')}`;
    const run = { deliveryId, subscriptionId: subscription.id };
    if (chaos && this.#chaos.delayMs > 0) await sleep(this.#chaos.delayMs, this.#stop.signal);
    if (this.#stop.signal.aborted) return { ...run, ok: false, attempts: [] };
    const outcome = await deliver({
      deliveryId,
      subscriptionId: subscription.id,
      url: subscription.url,
      webhookId: event.id,
      eventType: event.type,
      body,
      secrets: () => subscription.secrets,
      policy: this.#policy,
      signal: this.#stop.signal,
      onAttempt: (attempt) => {
        this.#log.push(attempt);
        for (const waiter of [...this.#waiters]) waiter();
      },
    });
    return { ...run, ...outcome };
  }

  #track<T>(promise: Promise<T>): Promise<T> {
    this.#inFlight.add(promise);
    const forget = () => this.#inFlight.delete(promise);
    promise.then(forget, forget);
    return promise;
  }
}

/** Rejects a key the signer cannot use now, rather than failing every delivery later. */
function assertSecret(secret: unknown): void {
  try {
    new Webhook(secret as string);
  } catch (error) {
    throw new TypeError(`Invalid signing secret: ${(error as Error).message}`);
  }
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
