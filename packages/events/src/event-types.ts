import type { EventDefinition, EventOfDefinition } from './define-event';
import type { KnownEventDefinition } from './event-registry';

/**
 * The data versions of each event type among the definitions `D`: `{ 'client.created': 1 | 2, … }`. A mapped type
 * (rather than an `Extract` at each use) so that `DataVersionIn<D, T>` of a generic `T` is one indexed access the
 * compiler compares as itself: with the `Extract`, a type with two data versions made `V extends DataVersionOf<T>`
 * fail its own constraint (TS2344) in any generic signature, `makeEvent`'s among them.
 */
export type DataVersionsIn<D extends EventDefinition> = {
  [T in D['type']]: Extract<D, { type: T }>['dataVersion'];
};

/** The data versions among the definitions `D` for event type `T`. Generic in `D` for the type tests. */
export type DataVersionIn<D extends EventDefinition, T extends D['type']> = DataVersionsIn<D>[T];

/** The event of type `T` at data version `V` among the definitions `D` (every version of `T` by default). */
export type EventIn<
  D extends EventDefinition,
  T extends D['type'],
  V extends DataVersionIn<D, T> = DataVersionIn<D, T>,
> = EventOfDefinition<Extract<D, { type: T; dataVersion: V }>>;

/** Every event type this version knows: `'client.created' | 'user.created' | …`. */
export type ListoEventType = KnownEventDefinition['type'];

/** The data versions this package knows for event type `T`. */
export type DataVersionOf<T extends ListoEventType> = DataVersionIn<KnownEventDefinition, T>;

/** The event of type `T` at data version `V` (every known version of `T` when `V` is left out). */
export type EventOf<T extends ListoEventType, V extends DataVersionOf<T> = DataVersionOf<T>> = EventIn<
  KnownEventDefinition,
  T,
  V
>;

/**
 * Any known event: a union discriminated by `type`, then by `dataVersion`, so a `switch` on both
 * narrows `data` to the exact payload.
 */
export type ListoEvent = EventOfDefinition<KnownEventDefinition>;
