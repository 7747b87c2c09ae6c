import type { ListoClientHooks } from './hooks';

/** Listo's production gateway: the default `baseUrl` of `createListoClient`. */
export const DEFAULT_BASE_URL = 'https://gateway.listoglobal.com';

/** 32 MiB: room for an unpaginated list of a large client's workers, far from what a process can't hold. */
export const DEFAULT_MAX_RESPONSE_BYTES: number = 32 * 1024 * 1024;

/** The longest delay a JavaScript timer keeps; anything longer fires after 1 ms. */
export const MAX_TIMER_MS = 2_147_483_647;

/** Options of `createListoClient`: the API key, where requests go, and how they are retried and limited. */
export interface ListoClientOptions {
  /** The API key of your external integration, sent as `x-api-key` to the origin of `baseUrl` only. */
  apiKey: string;
  /** Defaults to the production gateway, `https://gateway.listoglobal.com`. */
  baseUrl?: string;
  /**
   * A Fetch implementation; defaults to `globalThis.fetch`. It receives requests with `redirect: 'manual'`
   * and must honour that, as every standard fetch does: the client follows redirects itself (same origin only).
   */
  fetch?: (input: Request) => Promise<Response>;
  /** Retries after a 5xx, a 429, a network error or a timeout (GET, HEAD, OPTIONS only). Default 2 (3 attempts). */
  maxRetries?: number;
  /** Limit for each attempt, body included, in milliseconds. Default 30 000; at most 2^31−1. */
  timeoutMs?: number;
  /**
   * Backoff: the n-th retry waits a random time in `[0, min(maxMs, baseMs * 2^(n-1)))` (full jitter), or
   * exactly what `Retry-After` asks when it asks for no more than `maxMs`; a longer `Retry-After` ends the
   * retries. Defaults: `baseMs` 250, `maxMs` 30 000; each at most 2^31−1.
   */
  retryDelay?: { baseMs?: number; maxMs?: number };
  /** Largest response body read, in bytes; a longer one fails with kind `too-large`. Default 32 MiB. */
  maxResponseBytes?: number;
  /** Observers of requests, responses, retries and errors, for logging and metrics (never shown the key). */
  hooks?: ListoClientHooks;
}

/** The options after validation, with defaults applied. */
export interface ResolvedOptions {
  apiKey: string;
  baseUrl: string;
  origin: string;
  fetch: ((input: Request) => Promise<Response>) | undefined;
  maxRetries: number;
  timeoutMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  maxResponseBytes: number;
  hooks: ListoClientHooks | undefined;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < 0)
    throw new TypeError(`${name} must be a non-negative integer.`);
  return value;
}

function boundedPositive(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number.`);
  if (value > max) {
    throw new TypeError(
      max === MAX_TIMER_MS
        ? `${name} must be at most ${MAX_TIMER_MS} ms (about 24.8 days): JavaScript timers fire at once beyond that.`
        : `${name} must be at most ${max}.`,
    );
  }
  return value;
}

function normalizeBaseUrl(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must be an absolute http(s) URL.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('baseUrl must not carry credentials, a query or a fragment.');
  }
  return url;
}

export function resolveOptions(options: ListoClientOptions): ResolvedOptions {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || !VISIBLE_ASCII.test(apiKey)) {
    // The key itself is never part of the message.
    throw new TypeError('apiKey must be a non-empty string of visible ASCII characters.');
  }
  const url = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  if (options.fetch !== undefined && typeof options.fetch !== 'function') {
    throw new TypeError('fetch must be a function.');
  }
  return {
    apiKey,
    baseUrl: `${url.origin}${url.pathname.replace(/\/+$/, '')}`,
    origin: url.origin,
    fetch: options.fetch,
    maxRetries: nonNegativeInteger('maxRetries', options.maxRetries, 2),
    timeoutMs: boundedPositive('timeoutMs', options.timeoutMs, 30_000, MAX_TIMER_MS),
    baseDelayMs: boundedPositive('retryDelay.baseMs', options.retryDelay?.baseMs, 250, MAX_TIMER_MS),
    maxDelayMs: boundedPositive('retryDelay.maxMs', options.retryDelay?.maxMs, 30_000, MAX_TIMER_MS),
    maxResponseBytes: boundedPositive(
      'maxResponseBytes',
      options.maxResponseBytes,
      DEFAULT_MAX_RESPONSE_BYTES,
      Number.MAX_SAFE_INTEGER,
    ),
    hooks: options.hooks,
  };
}
