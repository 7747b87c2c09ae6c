import {
  createEventHandler,
  createEventHandlerFor,
  type DataVersionOf,
  type EventHandlers,
  type EventOf,
  type EventPair,
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
 * Every handler, as `createEventHandler` takes them (each also given the delivery): one per known (type,
 * dataVersion), and `unknown` for events this version of `@listo/events` does not know; plus an optional `invalid`.
 * Leaving one out is a compile error.
 */
export type WebhookEventHandlers = EventHandlers<unknown, [delivery: WebhookDelivery]> & {
  readonly invalid?: InvalidDeliveryHandler | undefined;
  readonly otherwise?: never;
};

/**
 * A subset, as `createEventHandlerFor` takes its handlers (each also given the delivery): handlers for the known
 * (type, dataVersion) pairs a service subscribes to (the pairs given are the subscription), plus `otherwise` for
 * every other event, known or not; plus an optional `invalid`. A new event type in `@listo/events` never breaks it.
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

/** Routes an event to its handler, handing it the delivery. */
export type EventRouter = (event: ListoEvent | UnknownListoEvent, delivery: WebhookDelivery) => unknown;

/**
 * The router for `handlers`, built by `@listo/events` (`createEventHandler` for every event, `createEventHandlerFor`
 * for a subset, subscribed to the pairs it has handlers for), so that routing has one home; both pass the delivery
 * on to the handler. Throws a `TypeError` at once, for untyped callers, as those functions do (a missing handler, a
 * pair this version does not know).
 */
export function eventRouter(handlers: WebhookHandlers): EventRouter {
  const { invalid, ...events } = handlers as unknown as Record<string, unknown>;
  if (invalid !== undefined && typeof invalid !== 'function')
    throw new TypeError('createWebhookHandler: handlers.invalid must be a function');
  if (!Object.hasOwn(events, 'otherwise'))
    return createEventHandler(events as unknown as EventHandlers) as EventRouter;
  if (Object.hasOwn(events, 'unknown'))
    throw new TypeError(
      'createWebhookHandler: give `unknown` (every event) or `otherwise` (a subset), not both',
    );
  const pairs = Object.entries(events).flatMap(([type, versions]) =>
    type === 'otherwise' || typeof versions !== 'object' || versions === null
      ? []
      : Object.keys(versions).map((version) => [type, Number(version)] as unknown as EventPair),
  );
  return createEventHandlerFor(pairs, events as never) as EventRouter;
}
