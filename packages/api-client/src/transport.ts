import { fullJitterDelay, parseRetryAfter, sleep } from './backoff';
import { ListoApiError } from './listo-api-error';
import { USER_AGENT } from './version';

export interface TransportOptions {
  apiKey: string;
  fetch: (input: Request) => Promise<Response>;
  maxRetries: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface Transport {
  /** The fetch handed to openapi-fetch: adds the credentials, times out, retries what is safe to retry. */
  fetch: (request: Request) => Promise<Response>;
  /** How many attempts produced `response` (1 when the response did not come from this transport). */
  attemptsFor: (response: Response) => number;
  /** Replaces every occurrence of the API key in `text`. */
  redact: (text: string) => string;
}

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export function requestPath(request: Request): string {
  return new URL(request.url).pathname;
}

/**
 * Reads the whole body inside the attempt, so that `timeoutMs` covers the entire exchange and a reset
 * in the middle of a body is retried like any other network error.
 */
async function buffered(response: Response): Promise<Response> {
  const body = NULL_BODY_STATUSES.has(response.status) ? null : await response.arrayBuffer();
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

export function createTransport(options: TransportOptions): Transport {
  const { apiKey, maxRetries, timeoutMs, baseDelayMs, maxDelayMs } = options;
  const baseFetch = options.fetch;
  const attempts = new WeakMap<Response, number>();

  const redact = (text: string): string =>
    text.includes(apiKey) ? text.split(apiKey).join('[redacted]') : text;

  function failure(
    kind: 'network' | 'timeout',
    request: Request,
    attempt: number,
    cause: unknown,
  ): ListoApiError {
    const message =
      kind === 'timeout'
        ? `No response within ${timeoutMs} ms.`
        : `Network error: ${redact(cause instanceof Error ? cause.message : String(cause))}`;
    // A cause that mentions the key (a custom fetch could put headers in its message) is dropped.
    const causeText = cause instanceof Error ? `${cause.message}\n${cause.stack ?? ''}` : String(cause);
    return new ListoApiError({
      kind,
      statusCode: undefined,
      message,
      method: request.method,
      path: requestPath(request),
      attempts: attempt,
      ...(kind === 'network' && !causeText.includes(apiKey) ? { cause } : {}),
    });
  }

  async function send(request: Request): Promise<Response> {
    const callerSignal = request.signal;
    const headers = new Headers(request.headers);
    headers.set('x-api-key', apiKey);
    headers.set('user-agent', USER_AGENT);

    for (let attempt = 1; ; attempt++) {
      if (callerSignal.aborted) throw callerSignal.reason;
      // One controller per attempt, aborted by our timer or by the caller (cheaper than AbortSignal.any).
      const controller = new AbortController();
      const onCallerAbort = () => controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      let timedOut = false;
      const timeout = setTimeout(() => {
        timedOut = true;
        controller.abort(new Error(`No response within ${timeoutMs} ms.`));
      }, timeoutMs);
      let outcome: Response | ListoApiError;
      try {
        // A request with a body gets a fresh clone per attempt, so the body can be sent again.
        const source = request.body === null ? request : request.clone();
        const response = await baseFetch(new Request(source, { headers, signal: controller.signal }));
        outcome = await buffered(response);
      } catch (error) {
        if (callerSignal.aborted) throw callerSignal.reason;
        outcome = failure(timedOut ? 'timeout' : 'network', request, attempt, error);
      } finally {
        clearTimeout(timeout);
        callerSignal.removeEventListener('abort', onCallerAbort);
      }

      const retriesLeft = attempt <= maxRetries;
      if (outcome instanceof Response) {
        if (outcome.status < 500 || !retriesLeft) {
          attempts.set(outcome, attempt);
          return outcome;
        }
        const retryAfter = parseRetryAfter(outcome.headers.get('retry-after'));
        // A server asking for a longer pause than we are willing to wait gets its error surfaced instead.
        if (retryAfter !== undefined && retryAfter > maxDelayMs) {
          attempts.set(outcome, attempt);
          return outcome;
        }
        await sleep(retryAfter ?? fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs), callerSignal);
        continue;
      }
      if (!retriesLeft) throw outcome;
      await sleep(fullJitterDelay(attempt - 1, baseDelayMs, maxDelayMs), callerSignal);
    }
  }

  return { fetch: send, attemptsFor: (response) => attempts.get(response) ?? 1, redact };
}
