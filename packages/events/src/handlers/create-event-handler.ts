import type { EventDefinition } from '../define-event';
import { DispatchTable } from '../dispatch-table';
import type { UnknownListoEvent } from '../envelope-schema';
import { EVENT_DEFINITIONS, type KnownEventDefinition } from '../event-registry';
import type { ListoEvent } from '../event-types';
import { type AnyHandler, dispatcher } from './dispatcher';
import type { HandlerResult, OnlyKnownKeys, VersionHandlersOf } from './handler-types';

/**
 * One handler per (type, dataVersion) of the definitions `D`, plus `unknown`. Generic so that the type
 * tests can prove it on a made-up registry with several versions of a type.
 */
export type EventHandlersOf<D extends EventDefinition, R, Context extends readonly unknown[] = []> = {
  readonly [T in D['type']]: VersionHandlersOf<D, T, R, Context>;
} & {
  /** Events this version does not know: acknowledge and log them rather than reject them. */
  readonly unknown: (event: UnknownListoEvent, ...context: Context) => R;
};

/**
 * One handler per known (type, dataVersion), plus `unknown` for everything else. A missing entry is a
 * compile error that names it (`Property '"worker.updated"' is missing …`, `Property '1' is missing …`).
 * `Context` types what a dispatcher passes after the event (none for {@link createEventHandler}).
 */
export type EventHandlers<R = unknown, Context extends readonly unknown[] = []> = EventHandlersOf<
  KnownEventDefinition,
  R,
  Context
>;

/**
 * Builds a function that routes an event to its handler in constant time. Unknown (type, dataVersion)
 * pairs, and envelopes of another `specVersion`, go to `handlers.unknown`.
 *
 * The result type is what the handlers return: `R` when they all return one type (or when you pass it,
 * `createEventHandler<Promise<void>>(…)`, to require it of every handler), otherwise the union of their return
 * types, so handlers may mix sync and async ones (`Promise<void> | void`).
 * Arguments after the event are passed on to the handler.
 * Throws a `TypeError` right away (not per event) when called from untyped code with a handler missing.
 */
export function createEventHandler<R>(
  handlers: EventHandlers<R>,
): (event: ListoEvent | UnknownListoEvent) => R;
// The first signature both gives the handlers their event types and covers explicit `R`; when its single `R` cannot
// be inferred (handlers returning different types), this one infers the union. Its order matters: the first
// signature is the one whose contextual types the handlers' parameters keep.
export function createEventHandler<H extends EventHandlers<unknown>>(
  handlers: H & OnlyKnownKeys<H, EventHandlers<unknown>>,
): (event: ListoEvent | UnknownListoEvent) => HandlerResult<H>;
export function createEventHandler(
  handlers: EventHandlers<unknown>,
): (event: ListoEvent | UnknownListoEvent) => unknown {
  const table = new DispatchTable<AnyHandler>();
  const byType = handlers as unknown as Record<string, Record<number, unknown> | undefined>;
  for (const { type, dataVersion } of EVENT_DEFINITIONS) {
    const versions = Object.hasOwn(byType, type) ? byType[type] : undefined;
    const handler = versions && Object.hasOwn(versions, dataVersion) ? versions[dataVersion] : undefined;
    if (typeof handler !== 'function') {
      throw new TypeError(`createEventHandler: no handler for ${type} v${dataVersion}`);
    }
    table.add(type, dataVersion, handler as AnyHandler);
  }
  const unknown = Object.hasOwn(handlers, 'unknown') ? (handlers as { unknown: unknown }).unknown : undefined;
  if (typeof unknown !== 'function') throw new TypeError('createEventHandler: no handler for unknown events');
  return dispatcher(table, unknown as AnyHandler);
}
