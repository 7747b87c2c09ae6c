import {
  createEventHandler,
  type DataVersionOf,
  EVENT_CATALOG,
  type EventHandlers,
  type EventOf,
  type EventParseError,
  type ListoEvent,
  type ListoEventType,
  type UnknownListoEvent,
} from '@listo/events';
import type { WebhookDelivery } from './webhook-delivery';

/** A handler of one kind of event: called with the typed event and its delivery. May be sync or async. */
export type DeliveryHandler<E> = (event: E, delivery: WebhookDelivery) => unknown;

/**
 * The handler of signed deliveries that are not a valid event (not JSON, or an envelope or known event that fails
 * its schema): called with the reason, an `EventParseError`, and the delivery (whose `rawBody` holds the bytes).
 * After it returns, the delivery is acknowledged with `202` (by default): a retry would bring the same bytes.
 */
export type InvalidDeliveryHandler = (error: EventParseError, delivery: WebhookDelivery) => unknown;

/**
 * Every handler, as `createEventHandler` takes them: one per known (type, dataVersion), and `unknown` for events
 * this version of `@listo/events` does not know, each also given the delivery; plus an optional `invalid`.
 * Leaving one out is a compile error.
 */
export type WebhookEventHandlers = {
  readonly [T in ListoEventType]: {
    readonly [V in DataVersionOf<T>]: DeliveryHandler<EventOf<T, V>>;
  };
} & {
  /** Events this version does not know (a new type or data version): acknowledged with 200 after it returns. */
  readonly unknown: DeliveryHandler<UnknownListoEvent>;
  readonly invalid?: InvalidDeliveryHandler | undefined;
  readonly otherwise?: never;
};

/**
 * Handlers for the (type, dataVersion) pairs a service subscribes to, as `createEventHandlerFor` takes them, plus
 * `otherwise` for every other event, known or not. A new event type in `@listo/events` never breaks it.
 */
export type WebhookSubsetHandlers = {
  readonly [T in ListoEventType]?: {
    readonly [V in DataVersionOf<T>]?: DeliveryHandler<EventOf<T, V>>;
  };
} & {
  /** Every event without a handler of its own: known or unknown. */
  readonly otherwise: DeliveryHandler<ListoEvent | UnknownListoEvent>;
  readonly invalid?: InvalidDeliveryHandler | undefined;
  readonly unknown?: never;
};

/** Either form of handlers. */
export type WebhookHandlers = WebhookEventHandlers | WebhookSubsetHandlers;

type AnyHandler = DeliveryHandler<never>;

/** Routes an event to its handler. */
export type EventRouter = (event: ListoEvent | UnknownListoEvent) => DeliveryHandler<never>;

const RESERVED = new Set(['unknown', 'otherwise', 'invalid']);

/**
 * The router for `handlers`, built on `createEventHandler` (so that routing by type, data version and spec version
 * has one home, in `@listo/events`). Throws a `TypeError` at once, for untyped callers, on a missing handler, a
 * handler that is not a function, or an entry for an event this package does not know (a typo).
 */
export function eventRouter(handlers: WebhookHandlers): EventRouter {
  const given = handlers as unknown as Record<string, unknown>;
  const subset = typeof given.otherwise === 'function';
  const fallback = (subset ? given.otherwise : given.unknown) as AnyHandler;
  if (typeof fallback !== 'function')
    throw new TypeError(
      'createWebhookHandler: handlers needs an `unknown` handler (or `otherwise`, for a subset)',
    );
  if (subset && given.unknown !== undefined)
    throw new TypeError(
      'createWebhookHandler: give `unknown` (every event) or `otherwise` (a subset), not both',
    );
  if (given.invalid !== undefined && typeof given.invalid !== 'function')
    throw new TypeError('createWebhookHandler: handlers.invalid must be a function');

  const known = new Map<string, Set<number>>();
  for (const { type, dataVersion } of EVENT_CATALOG)
    known.set(type, (known.get(type) ?? new Set()).add(dataVersion));
  for (const key of Object.keys(given)) {
    if (RESERVED.has(key)) continue;
    const versions = given[key];
    if (!known.has(key)) throw new TypeError(`createWebhookHandler: no event type "${key}" in @listo/events`);
    for (const version of Object.keys(versions ?? {}))
      if (!known.get(key)!.has(Number(version)))
        throw new TypeError(`createWebhookHandler: no ${key} v${version} in @listo/events`);
  }

  const table: Record<string, Record<number, () => AnyHandler>> = {};
  for (const { type, dataVersion } of EVENT_CATALOG) {
    const own = (given[type] as Record<number, unknown> | undefined)?.[dataVersion];
    if (own !== undefined && typeof own !== 'function')
      throw new TypeError(`createWebhookHandler: the handler of ${type} v${dataVersion} must be a function`);
    if (own === undefined && !subset)
      throw new TypeError(`createWebhookHandler: no handler for ${type} v${dataVersion}`);
    const handler = (own ?? fallback) as AnyHandler;
    table[type] = { ...table[type], [dataVersion]: () => handler };
  }
  return createEventHandler<AnyHandler>({
    ...table,
    unknown: () => fallback,
  } as unknown as EventHandlers<AnyHandler>);
}
