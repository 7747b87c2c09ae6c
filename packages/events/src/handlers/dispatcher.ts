import type { DispatchTable } from '../dispatch-table';
import { SUPPORTED_SPEC_VERSION, type UnknownListoEvent } from '../envelope-schema';
import type { ListoEvent } from '../event-types';

/** A handler as the dispatcher sees it, once the types have matched it to its event. */
export type AnyHandler = (event: never, ...context: unknown[]) => unknown;

/**
 * The routing function of both handler forms: one constant-time lookup by (type, dataVersion) for events of the
 * supported `specVersion`, `fallback` for everything else. Arguments after the event are passed on.
 */
export function dispatcher(
  table: DispatchTable<AnyHandler>,
  fallback: AnyHandler,
): (event: ListoEvent | UnknownListoEvent, ...context: unknown[]) => unknown {
  return (event, ...context) => {
    const handler =
      event.specVersion === SUPPORTED_SPEC_VERSION ? table.get(event.type, event.dataVersion) : undefined;
    return (handler ?? fallback)(event as never, ...context);
  };
}
