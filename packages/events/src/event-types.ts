import type { EventOfDefinition } from './define-event';
import type { KnownEventDefinition } from './event-registry';

/** Every event type this version knows: `'client.created' | 'user.created' | …`. */
export type ListoEventType = KnownEventDefinition['type'];

/** The data versions this package knows for event type `T`. */
export type DataVersionOf<T extends ListoEventType> = Extract<
  KnownEventDefinition,
  { type: T }
>['dataVersion'];

/** The event of type `T` at data version `V` (every known version of `T` when `V` is left out). */
export type EventOf<
  T extends ListoEventType,
  V extends DataVersionOf<T> = DataVersionOf<T>,
> = EventOfDefinition<Extract<KnownEventDefinition, { type: T; dataVersion: V }>>;

/**
 * Any known event: a union discriminated by `type`, then by `dataVersion`, so a `switch` on both
 * narrows `data` to the exact payload.
 */
export type ListoEvent = EventOfDefinition<KnownEventDefinition>;
