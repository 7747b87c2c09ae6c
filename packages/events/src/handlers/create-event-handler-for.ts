import type { EventDefinition, EventOfDefinition } from '../define-event';
import { DispatchTable } from '../dispatch-table';
import type { UnknownListoEvent } from '../envelope-schema';
import { DEFINITIONS, type KnownEventDefinition } from '../event-registry';
import type { ListoEvent } from '../event-types';
import { type AnyHandler, dispatcher } from './dispatcher';
import type { HandlerResult, OnlyKnownKeys, VersionHandlersOf } from './handler-types';

/** A (type, dataVersion) pair of the definitions `D`, as a tuple: `readonly ['client.created', 1]`. */
export type EventPairOf<D extends EventDefinition> = D extends EventDefinition
  ? readonly [D['type'], D['dataVersion']]
  : never;

/** Every (type, dataVersion) this version knows, as {@link createEventHandlerFor} takes them: `['client.created', 1]`. */
export type EventPair = EventPairOf<KnownEventDefinition>;

/** The definitions among `D` whose pair is one of `P`. */
type SubscribedOf<D extends EventDefinition, P> = D extends EventDefinition
  ? readonly [D['type'], D['dataVersion']] extends P
    ? D
    : never
  : never;

/**
 * The handlers {@link createEventHandlerFor} needs for the pairs `S` among the definitions `D`: one per subscribed
 * pair, plus `otherwise` for every other event, known or not. Generic in `D` so that the type tests can show that
 * a registry that grows leaves such handlers compiling.
 */
export type EventHandlersForOf<
  D extends EventDefinition,
  S extends readonly EventPairOf<D>[],
  R,
  Context extends readonly unknown[] = [],
> = {
  readonly [T in SubscribedOf<D, S[number]>['type']]: VersionHandlersOf<
    SubscribedOf<D, S[number]>,
    T,
    R,
    Context
  >;
} & {
  /**
   * Every event not subscribed: the other known ones (typed), and those this version does not know. A new event type
   * in the package lands here, so it never breaks the build.
   */
  readonly otherwise: (
    event: EventOfDefinition<Exclude<D, SubscribedOf<D, S[number]>>> | UnknownListoEvent,
    ...context: Context
  ) => R;
};

/**
 * The handlers of {@link createEventHandlerFor} for the subscribed pairs `S`: exactly one per pair, plus
 * `otherwise`. `Context` types what a dispatcher passes after the event (none for `createEventHandlerFor`).
 */
export type EventHandlersFor<
  S extends readonly EventPair[],
  R = unknown,
  Context extends readonly unknown[] = [],
> = EventHandlersForOf<KnownEventDefinition, S, R, Context>;

const OTHERWISE = 'otherwise';

function describe(pair: unknown): string {
  if (!Array.isArray(pair)) return String(pair);
  return `${String(pair[0])} v${String(pair[1])}`;
}

/**
 * Builds a function that routes the events of the `subscribed` (type, dataVersion) pairs to their handlers, and every
 * other event, known or not, to `handlers.otherwise`, in constant time. Unlike {@link createEventHandler}, a new
 * event type or version in this package does not break the build: it goes to `otherwise` until you subscribe to it.
 *
 * ```ts
 * const handle = createEventHandlerFor([['worker.onboarded', 1], ['client.created', 1]], {
 *   'worker.onboarded': { 1: async (e) => hris.hire(e.data.workerId) },
 *   'client.created': { 1: (e) => crm.upsert(e.data.clientId) },
 *   otherwise: (e) => log.info('ignored', e.type),
 * });
 * ```
 *
 * The result type is the union of what the handlers return (sync and async may mix). Arguments after the event
 * are passed on to the handler. Throws a `TypeError` right away (not per event) when called from untyped code
 * with a pair this version does not know, a handler missing, or a handler for a pair not subscribed.
 */
export function createEventHandlerFor<
  const S extends readonly EventPair[],
  H extends EventHandlersFor<S, unknown>,
>(
  subscribed: S,
  handlers: H & OnlyKnownKeys<H, EventHandlersFor<S, unknown>>,
): (event: ListoEvent | UnknownListoEvent) => HandlerResult<H> {
  if (!Array.isArray(subscribed)) {
    throw new TypeError('createEventHandlerFor: subscribed must be an array of [type, dataVersion] pairs');
  }
  const byType = handlers as unknown as Record<string, Record<number, unknown> | undefined>;
  const table = new DispatchTable<AnyHandler>();
  for (const pair of subscribed as readonly unknown[]) {
    const [type, dataVersion] = Array.isArray(pair) ? (pair as unknown[]) : [];
    if (typeof type !== 'string' || typeof dataVersion !== 'number' || !DEFINITIONS.get(type, dataVersion)) {
      throw new TypeError(
        `createEventHandlerFor: ${describe(pair)} is not a (type, dataVersion) this version of @listo/events knows`,
      );
    }
    const versions = Object.hasOwn(byType, type) ? byType[type] : undefined;
    const handler = versions && Object.hasOwn(versions, dataVersion) ? versions[dataVersion] : undefined;
    if (typeof handler !== 'function') {
      throw new TypeError(`createEventHandlerFor: no handler for ${type} v${dataVersion}`);
    }
    table.add(type, dataVersion, handler as AnyHandler);
  }
  for (const type of Object.keys(byType)) {
    if (type === OTHERWISE) continue;
    const versions = byType[type];
    if (typeof versions !== 'object' || versions === null) {
      throw new TypeError(
        `createEventHandlerFor: handlers.${type} must be an object of handlers by dataVersion`,
      );
    }
    for (const version of Object.keys(versions)) {
      if (!table.get(type, Number(version))) {
        throw new TypeError(
          `createEventHandlerFor: a handler for ${type} v${version}, which is not in subscribed (add it there, or remove the handler)`,
        );
      }
    }
  }
  const otherwise = Object.hasOwn(handlers, OTHERWISE) ? byType[OTHERWISE] : undefined;
  if (typeof otherwise !== 'function') {
    throw new TypeError('createEventHandlerFor: no otherwise handler (for every event not subscribed)');
  }
  return dispatcher(table, otherwise as unknown as AnyHandler) as (
    event: ListoEvent | UnknownListoEvent,
  ) => HandlerResult<H>;
}
