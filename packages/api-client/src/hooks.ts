import type { ListoApiErrorOf } from './listo-api-error';

/**
 * One call as hooks see it: the same object in every event of the call (every attempt, the retries and
 * the final error), so a hook can key per-call state on it (a `WeakMap`, a span). Nothing in it, or in any
 * hook event, carries the API key.
 */
export interface ListoCallInfo {
  /** e.g. `GET` */
  readonly method: string;
  /** The absolute URL of the first attempt, query included. */
  readonly url: string;
  /** The request path without the query, as in `ListoApiError#path`. */
  readonly path: string;
}

/** Before each attempt is sent. */
export interface ListoRequestEvent {
  readonly call: ListoCallInfo;
  /** 1 for the first attempt. */
  readonly attempt: number;
  /** The request headers as sent, with `x-api-key` shown as `[redacted]`. */
  readonly headers: Readonly<Record<string, string>>;
}

/** After an attempt got a response and read its body (any status; redirects the client followed are not shown). */
export interface ListoResponseEvent {
  readonly call: ListoCallInfo;
  readonly attempt: number;
  readonly status: number;
  /** The response headers, with any value mentioning the API key redacted. */
  readonly headers: Readonly<Record<string, string>>;
  /** From sending the attempt until its whole body had arrived. */
  readonly durationMs: number;
}

/** Before the wait that precedes a retry. */
export interface ListoRetryEvent {
  readonly call: ListoCallInfo;
  /** The attempt that failed. */
  readonly attempt: number;
  /** How long the client waits before the next attempt. */
  readonly delayMs: number;
  /** The status that is retried (5xx or 429), when the failed attempt got a response. */
  readonly status?: number;
  /** The failure that is retried, when the attempt got no response. */
  readonly error?: ListoApiErrorOf<'network' | 'timeout'>;
}

/** Once, when a call fails. */
export interface ListoErrorEvent {
  readonly call: ListoCallInfo;
  /** Attempts made. */
  readonly attempts: number;
  /** A `ListoApiError`, or the abort reason of the caller's signal when `aborted` is true. */
  readonly error: unknown;
  readonly aborted: boolean;
}

/**
 * Observers for logging and metrics. They are called synchronously and must not throw; one that throws (or
 * returns a promise that rejects) is ignored, so observing can never change a call's outcome.
 */
export interface ListoClientHooks {
  /** Called before each attempt is sent. */
  onRequest?: (event: ListoRequestEvent) => void;
  /** Called when an attempt's response arrives, whatever its status. */
  onResponse?: (event: ListoResponseEvent) => void;
  /** Called before a retry waits, with the reason and the delay. */
  onRetry?: (event: ListoRetryEvent) => void;
  /** Called once when a call fails for good (or is aborted). */
  onError?: (event: ListoErrorEvent) => void;
}

const ignore = (): void => {};

/** Calls a hook so that nothing it does (a throw, a rejected promise) reaches the call. */
export function emit<E>(hook: ((event: E) => void) | undefined, event: E): void {
  if (hook === undefined) return;
  try {
    const result: unknown = hook(event);
    if (result instanceof Promise) result.catch(ignore);
  } catch {
    // Observers never change the outcome of a call.
  }
}
