import { WEBHOOK_DELIVERY_FACTS } from '@listo/events';
import { backoffBefore, type DeliveryPolicy } from './delivery-policy';
import { signedHeaders } from './signature-header';

/** The `User-Agent` of every delivery, as the webhooks overview gives it (`WEBHOOK_DELIVERY_FACTS` of `@listo/events`). */
export const GATEWAY_USER_AGENT = WEBHOOK_DELIVERY_FACTS.userAgent;

/** How much of a receiver's answer the log keeps: enough for an error message, never a whole page. */
export const RESPONSE_BODY_LIMIT = 1024;

/** One HTTP attempt of one delivery, as recorded in the delivery log. */
export interface DeliveryAttempt {
  /** Identifies one delivery run (one event to one subscription; a chaos duplicate is a run of its own). */
  deliveryId: string;
  subscriptionId: string | null;
  /** The `webhook-id` header: the event's id, the same on every attempt and every duplicate. */
  webhookId: string;
  eventType: string;
  url: string;
  /** 1-based. */
  attempt: number;
  /** Whether the receiver answered 2xx. */
  ok: boolean;
  /** The receiver's HTTP status, or null when there was no response (network error, timeout). */
  status: number | null;
  /** Why the attempt failed, or null when it succeeded. */
  error: string | null;
  /**
   * The first {@link RESPONSE_BODY_LIMIT} bytes of the receiver's answer, as text (a receiver's 500 usually
   * says why), or null when there was no response.
   */
  responseBody: string | null;
  /** Whether this is the run's last attempt (it succeeded, or no attempts are left). */
  final: boolean;
  /** The `webhook-timestamp` header (Unix seconds), fresh on every attempt. */
  webhookTimestamp: number;
  /** The `webhook-signature` header sent. */
  signature: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
}

/** One delivery for `deliver`: where, what, signed with which secrets, under which policy. */
export interface DeliveryRequest {
  deliveryId: string;
  subscriptionId: string | null;
  url: string;
  webhookId: string;
  eventType: string;
  /** The exact bytes sent and signed, the same on every attempt. */
  body: string;
  /** Read at each attempt, so a key rotation that starts between attempts is honoured. */
  secrets: () => readonly string[];
  policy: DeliveryPolicy;
  /** Told of each attempt once it finished. */
  onAttempt?: (attempt: DeliveryAttempt) => void;
  /** Aborts the in-flight attempt and any further ones (the sandbox is stopping). */
  signal?: AbortSignal;
}

/** What `deliver` did: whether an attempt got a 2xx, and every attempt. */
export interface DeliveryOutcome {
  ok: boolean;
  attempts: DeliveryAttempt[];
}

/**
 * Delivers one event with the gateway's policy: POST, signed afresh on each attempt, per-attempt timeout,
 * retried on a non-2xx, a network error or a timeout, with backoff between attempts.
 */
export async function deliver(request: DeliveryRequest): Promise<DeliveryOutcome> {
  const { policy, signal } = request;
  const attempts: DeliveryAttempt[] = [];
  for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffBefore(policy, attempt), signal);
    if (signal?.aborted) break;
    const record = await attemptOnce(request, attempt);
    const last = record.ok || attempt === policy.maxAttempts || Boolean(signal?.aborted);
    const finished: DeliveryAttempt = { ...record, final: last };
    attempts.push(finished);
    request.onAttempt?.(finished);
    if (last) break;
  }
  return { ok: attempts.some((attempt) => attempt.ok), attempts };
}

async function attemptOnce(
  request: DeliveryRequest,
  attempt: number,
): Promise<Omit<DeliveryAttempt, 'final'>> {
  const webhookTimestamp = Math.floor(Date.now() / 1000);
  let signature = '';
  const started = performance.now();
  const startedAt = new Date().toISOString();
  // One controller per attempt, aborted by the timeout or by the sandbox stopping; listeners are removed
  // afterwards so a long-lived stop signal does not collect one per attempt.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, request.policy.attemptTimeoutMs);
  const onStop = () => controller.abort();
  request.signal?.addEventListener('abort', onStop, { once: true });
  let status: number | null = null;
  let error: string | null = null;
  let responseBody: string | null = null;
  try {
    // Signed with every current key (two during a rotation), by the same code receivers verify with.
    const signed = signedHeaders(request.secrets(), request.webhookId, webhookTimestamp, request.body);
    signature = signed['webhook-signature'];
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': GATEWAY_USER_AGENT, ...signed },
      body: request.body,
      signal: controller.signal,
      redirect: 'manual',
    });
    status = response.status;
    if (status < 200 || status > 299) error = `HTTP ${status}`;
    // Within the attempt's timeout: a receiver that never finishes its answer cannot hold the gateway.
    responseBody = await readPrefix(response, RESPONSE_BODY_LIMIT);
  } catch (cause) {
    error = timedOut
      ? `timed out after ${request.policy.attemptTimeoutMs} ms`
      : request.signal?.aborted
        ? 'aborted: the sandbox is stopping'
        : describeNetworkError(cause);
  } finally {
    clearTimeout(timer);
    request.signal?.removeEventListener('abort', onStop);
  }
  return {
    deliveryId: request.deliveryId,
    subscriptionId: request.subscriptionId,
    webhookId: request.webhookId,
    eventType: request.eventType,
    url: request.url,
    attempt,
    ok: error === null,
    status,
    error,
    responseBody,
    webhookTimestamp,
    signature,
    startedAt,
    finishedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
  };
}

/**
 * The first `limit` bytes of a response body as UTF-8 text (a character cut in half at the end is dropped);
 * the rest is not read. An answer that breaks off keeps what had arrived.
 */
async function readPrefix(response: Response, limit: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const chunk = value.subarray(0, limit - size);
      size += chunk.byteLength;
      text += decoder.decode(chunk, { stream: true });
    }
  } catch {
    // The receiver dropped the connection mid-answer: its status already counts, keep what arrived.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text;
}

function describeNetworkError(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = (cause as Error & { cause?: unknown }).cause;
    if (inner instanceof Error) {
      const code = (inner as Error & { code?: unknown }).code;
      return typeof code === 'string' ? `${code}: ${inner.message}` : inner.message;
    }
    return cause.message;
  }
  return String(cause);
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
