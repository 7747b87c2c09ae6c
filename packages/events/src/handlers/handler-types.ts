import type { EventDefinition, EventOfDefinition } from '../define-event';

/**
 * The handlers of every data version of type `T` among the definitions `D`, each given its exact event.
 * `Context` is what the dispatcher passes after the event (nothing, by default; a delivery, for a webhook handler).
 */
export type VersionHandlersOf<
  D extends EventDefinition,
  T extends string,
  R,
  Context extends readonly unknown[] = [],
> = {
  readonly [V in Extract<D, { type: T }>['dataVersion']]: (
    event: EventOfDefinition<Extract<D, { type: T; dataVersion: V }>>,
    ...context: Context
  ) => R;
};

type ReturnOf<F> = F extends (...args: never) => infer R ? R : never;

/**
 * The union of what the handlers in `H` return, at either depth (`unknown: () => …` and
 * `'client.created': { 1: () => … }`): what the dispatcher built from them returns. This is why handlers may mix
 * sync and async and return different types.
 */
export type HandlerResult<H> = {
  [K in keyof H]: H[K] extends (...args: never) => unknown
    ? ReturnOf<H[K]>
    : { [V in keyof H[K]]: ReturnOf<H[K][V]> }[keyof H[K]];
}[keyof H];

/**
 * `H` with every key that `Shape` does not have (a made-up event type, a data version this package does not know)
 * mapped to `never`, at both depths. A handlers parameter typed `H & OnlyKnownKeys<H, Shape>` makes such a key a
 * compile error although `H` is inferred (inference alone would let extra keys through).
 */
export type OnlyKnownKeys<H, Shape> = {
  [K in keyof H]: K extends keyof Shape
    ? Shape[K] extends (...args: never) => unknown
      ? H[K]
      : OnlyKnownKeys<H[K], Shape[K]>
    : never;
};
