import { fullJitterDelay, parseRetryAfter, sleep } from './backoff';
import {
  emit,
  type ListoCallInfo,
  type ListoClientHooks,
  type ListoRequestEvent,
  type ListoResponseEvent,
} from './hooks';
import type { ListoApiError, ListoApiErrorOf } from './listo-api-error';
import type { Redaction } from './redaction';
import { decideRedirect, leftOrigin, SAFE_METHODS } from './redirect-policy';
import { type BodyBytes, discardBody, readBody } from './response-body';
import { USER_AGENT } from './version';

export interface TransportOptions {
  apiKey: string;
  /** The origin of `baseUrl`: the only one that ever receives the key. */
  origin: string;
  /** A caller's fetch; `undefined` sends through `globalThis.fetch`. */
  fetch: ((input: Request) => Promise<Response>) | undefined;
  maxRetries: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxResponseBytes: number;
  hooks: ListoClientHooks | undefined;
  redaction: Redaction;
}

/** One request as the client sends it, before credentials. */
export interface OutgoingRequest {
  method: string;
  /** Absolute, on the origin of `baseUrl`. */
  url: string;
  /** `url`'s path without the query, for errors and hooks. */
  path: string;
  /** Headers besides the client's own (the `raw` client's). */
  headers?: Headers | undefined;
  body?: ArrayBuffer | null | undefined;
  signal?: AbortSignal | undefined;
}

/** A response read whole within its attempt. */
export interface Exchange {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: BodyBytes;
  readonly attempts: number;
  readonly method: string;
  readonly path: string;
  /** Present when hooks are configured. */
  readonly call: ListoCallInfo | undefined;
}

export interface Transport {
  /**
   * Sends with the credentials, times out each attempt (body included), follows only same-origin redirects
   * and retries what is safe to retry. Rejects with a {@link ListoApiError} or the caller's abort reason.
   */
  send(request: OutgoingRequest): Promise<Exchange>;
  /** Reports a failure the caller built from an exchange (an HTTP error, an invalid body) to `onError`; returns it. */
  fail(exchange: Exchange, error: ListoApiError): ListoApiError;
}

type AttemptResult =
  | { exchange: Exchange; error?: undefined }
  | { error: ListoApiError; exchange?: undefined };

const REDACTED = '[redacted]';

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, origin, maxRetries, timeoutMs, baseDelayMs, maxDelayMs, maxResponseBytes, hooks } = options;
  const { redaction } = options;
  const customFetch = options.fetch;
  // One frozen header set for every request of the typed methods: fetch copies it, nothing mutates it.
  const baseHeaders: Readonly<Record<string, string>> = Object.freeze({
    accept: 'application/json',
    'user-agent': USER_AGENT,
    'x-api-key': apiKey,
  });
  const baseHookHeaders = Object.freeze({ ...baseHeaders, 'x-api-key': REDACTED });

  function headersFor(request: OutgoingRequest): HeadersInit {
    if (request.headers === undefined) return baseHeaders;
    const headers = new Headers(request.headers);
    headers.set('user-agent', USER_AGENT);
    headers.set('x-api-key', apiKey);
    return headers;
  }

  function hookHeaders(request: OutgoingRequest): Readonly<Record<string, string>> {
    if (request.headers === undefined) return baseHookHeaders;
    const shown: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      shown[name] = redaction.redact(value);
    });
    return { ...shown, 'user-agent': USER_AGENT, 'x-api-key': REDACTED };
  }

  function shownHeaders(headers: Headers): Record<string, string> {
    const shown: Record<string, string> = {};
    headers.forEach((value, name) => {
      shown[name] = redaction.redact(value);
    });
    return shown;
  }

  function dispatch(request: OutgoingRequest, url: string, signal: AbortSignal): Promise<Response> {
    const init: RequestInit = {
      method: request.method,
      headers: headersFor(request),
      signal,
      // The client decides about every redirect itself; see redirect-policy.ts.
      redirect: 'manual',
    };
    if (request.body != null) init.body = request.body;
    return customFetch === undefined ? globalThis.fetch(url, init) : customFetch(new Request(url, init));
  }

  async function attemptOnce(
    request: OutgoingRequest,
    attempt: number,
    call: ListoCallInfo | undefined,
  ): Promise<AttemptResult> {
    const callerSignal = request.signal;
    // One controller per attempt, aborted by our timer or by the caller (cheaper than AbortSignal.any).
    const controller = new AbortController();
    const onCallerAbort = callerSignal && (() => controller.abort(callerSignal.reason));
    if (onCallerAbort) callerSignal.addEventListener('abort', onCallerAbort, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`No response within ${timeoutMs} ms.`));
    }, timeoutMs);
    const started = call ? performance.now() : 0;
    if (call) emit<ListoRequestEvent>(hooks?.onRequest, { call, attempt, headers: hookHeaders(request) });
    const { method, path } = request;
    try {
      let url = request.url;
      for (let hops = 0; ; hops++) {
        const response = await dispatch(request, url, controller.signal);
        const redirect = decideRedirect(response, url, origin, method, hops);
        if (redirect.follow) {
          discardBody(response);
          url = redirect.url;
          continue;
        }
        if (redirect.refuse !== undefined || leftOrigin(response, origin)) {
          discardBody(response);
          const status = redirect.refuse?.status;
          const reason =
            redirect.refuse?.reason ?? 'that the fetch implementation followed to another origin';
          return {
            error: redaction.error({
              kind: 'redirect',
              statusCode: status,
              message: `Refusing to follow a${status ? ` ${status}` : ''} redirect ${reason}: the API key is only sent to ${origin}.`,
              method,
              path,
              attempts: attempt,
            }),
          };
        }
        const body = await readBody(response, maxResponseBytes);
        if (body === undefined) {
          return {
            error: redaction.error({
              kind: 'too-large',
              statusCode: response.status,
              message: `HTTP ${response.status} with a body over maxResponseBytes (${maxResponseBytes} bytes); the rest was not read.`,
              method,
              path,
              attempts: attempt,
            }),
          };
        }
        const exchange: Exchange = {
          status: response.status,
          statusText: response.statusText,
          headers: response.headers,
          body,
          attempts: attempt,
          method,
          path,
          call,
        };
        if (call) {
          emit<ListoResponseEvent>(hooks?.onResponse, {
            call,
            attempt,
            status: response.status,
            headers: shownHeaders(response.headers),
            durationMs: performance.now() - started,
          });
        }
        return { exchange };
      }
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      const kind = timedOut ? 'timeout' : 'network';
      const message =
        kind === 'timeout'
          ? `No response within ${timeoutMs} ms.`
          : `Network error: ${error instanceof Error ? error.message : String(error)}`;
      return {
        error: redaction.error({
          kind,
          statusCode: undefined,
          message,
          method,
          path,
          attempts: attempt,
          ...(kind === 'network' ? { cause: error } : {}),
        }),
      };
    } finally {
      clearTimeout(timer);
      if (onCallerAbort) callerSignal.removeEventListener('abort', onCallerAbort);
    }
  }

  function callInfo(request: OutgoingRequest): ListoCallInfo | undefined {
    if (hooks === undefined) return undefined;
    return Object.freeze({
      method: request.method,
      url: redaction.redact(request.url),
      path: redaction.redact(request.path),
    });
  }

  function failed(call: ListoCallInfo | undefined, error: ListoApiError): ListoApiError {
    if (call) emit(hooks?.onError, { call, attempts: error.attempts, error, aborted: false });
    return error;
  }

  function aborted(call: ListoCallInfo | undefined, attempts: number, reason: unknown): unknown {
    if (call) emit(hooks?.onError, { call, attempts, error: reason, aborted: true });
    return reason;
  }

  async function send(request: OutgoingRequest): Promise<Exchange> {
    const { signal } = request;
    const call = callInfo(request);
    const retries = SAFE_METHODS.has(request.method) ? maxRetries : 0;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw aborted(call, attempt - 1, signal.reason);
      let result: AttemptResult;
      try {
        result = await attemptOnce(request, attempt, call);
      } catch (reason) {
        throw aborted(call, attempt, reason);
      }

      let delayMs: number;
      const { exchange, error } = result;
      if (exchange !== undefined) {
        const { status } = exchange;
        if (attempt > retries || (status < 500 && status !== 429)) return exchange;
        const retryAfter = parseRetryAfter(exchange.headers.get('retry-after'));
        // A server asking for a longer pause than we are willing to wait gets its answer surfaced instead.
        if (retryAfter !== undefined && retryAfter > maxDelayMs) return exchange;
        delayMs = retryAfter ?? fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs);
        if (call) emit(hooks?.onRetry, { call, attempt, delayMs, status });
      } else {
        if (attempt > retries || (error.kind !== 'network' && error.kind !== 'timeout')) {
          throw failed(call, error);
        }
        delayMs = fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs);
        if (call) {
          emit(hooks?.onRetry, {
            call,
            attempt,
            delayMs,
            error: error as ListoApiErrorOf<'network' | 'timeout'>,
          });
        }
      }
      try {
        await sleep(delayMs, signal);
      } catch (reason) {
        throw aborted(call, attempt, reason);
      }
    }
  }

  return { send, fail: (exchange, error) => failed(exchange.call, error) };
}
