import type { EventDefinition, EventOfDefinition } from './define-event';
import { DispatchTable } from './dispatch-table';
import { SUPPORTED_SPEC_VERSION, type UnknownListoEvent } from './envelope-schema';
import { EVENT_DEFINITIONS, type KnownEventDefinition } from './event-registry';
import type { ListoEvent } from './event-types';

/**
 * One handler per (type, dataVersion) of the definitions `D`, plus `unknown`. Generic so that the type
 * tests can prove it on a made-up registry with several versions of a type.
 */
export type EventHandlersFor<D extends EventDefinition, R> = {
  readonly [T in D['type']]: {
    readonly [V in Extract<D, { type: T }>['dataVersion']]: (
      event: EventOfDefinition<Extract<D, { type: T; dataVersion: V }>>,
    ) => R;
  };
} & {
  /** Events this version does not know: acknowledge and log them rather than reject them. */
  readonly unknown: (event: UnknownListoEvent) => R;
};

/**
 * One handler per known (type, dataVersion), plus `unknown` for everything else. A missing entry is a
 * compile error that names it (`Property '"worker.updated"' is missing …`, `Property '1' is missing …`).
 */
export type EventHandlers<R> = EventHandlersFor<KnownEventDefinition, R>;

type AnyHandler<R> = (event: never) => R;

/**
 * Builds a function that routes an event to its handler in constant time. Unknown (type, dataVersion)
 * pairs, and envelopes of another `specVersion`, go to `handlers.unknown`.
 * Throws a `TypeError` right away (not per event) when called from untyped code with a handler missing.
 */
export function createEventHandler<R>(
  handlers: EventHandlers<R>,
): (event: ListoEvent | UnknownListoEvent) => R {
  const table = new DispatchTable<AnyHandler<R>>();
  const byType = handlers as unknown as Record<string, Record<number, unknown> | undefined>;
  for (const { type, dataVersion } of EVENT_DEFINITIONS) {
    const versions = Object.hasOwn(byType, type) ? byType[type] : undefined;
    const handler = versions && Object.hasOwn(versions, dataVersion) ? versions[dataVersion] : undefined;
    if (typeof handler !== 'function') {
      throw new TypeError(`createEventHandler: no handler for ${type} v${dataVersion}`);
    }
    table.add(type, dataVersion, handler as AnyHandler<R>);
  }
  const unknown = handlers.unknown;
  if (typeof unknown !== 'function') throw new TypeError('createEventHandler: no handler for unknown events');

  return (event) => {
    const handler =
      event.specVersion === SUPPORTED_SPEC_VERSION ? table.get(event.type, event.dataVersion) : undefined;
    return handler ? handler(event as never) : unknown(event as UnknownListoEvent);
  };
}
