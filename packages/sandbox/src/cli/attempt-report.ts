import type { DeliveryAttempt } from '../gateway/deliver';

/** How much of a receiver's answer a report line shows. */
const SHOWN_BODY_CHARS = 200;

/**
 * A receiver's answer on one line: control characters (newlines, and the escape sequences a hostile body
 * could use to rewrite the terminal) become spaces, and a long answer is cut.
 */
export function oneLine(text: string, limit = SHOWN_BODY_CHARS): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\s]+/g, ' ').trim();
  return flat.length > limit ? `${flat.slice(0, limit)}…` : flat;
}

/**
 * One attempt as `listo-sandbox send` and `resend` print it: its status (or why there was none), how long it
 * took, the `webhook-id`, and on a second line the start of the receiver's answer.
 */
export function attemptReport(attempt: DeliveryAttempt, maxAttempts?: number): string {
  const result = attempt.status === null ? (attempt.error ?? 'failed') : `HTTP ${attempt.status}`;
  const of = maxAttempts === undefined ? '' : `/${maxAttempts}`;
  const line = `attempt ${attempt.attempt}${of}: ${result} in ${attempt.durationMs} ms (webhook-id ${attempt.webhookId})`;
  const body = attempt.responseBody ? oneLine(attempt.responseBody) : '';
  return body ? `${line}\n  response: ${body}\n` : `${line}\n`;
}
