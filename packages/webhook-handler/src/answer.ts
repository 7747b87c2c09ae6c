/** The statuses a webhook handler answers with. */
export type WebhookAnswerStatus = 200 | 202 | 400 | 401 | 405 | 409 | 413 | 415 | 500 | 503;

/** An HTTP answer, for an adapter to write: a JSON body, its status and headers. */
export interface WebhookAnswer {
  readonly status: WebhookAnswerStatus;
  /** Lower-case names; always `content-type: application/json`. */
  readonly headers: Readonly<Record<string, string>>;
  /** JSON text: `{ "status", "webhookId" }` for a 2xx, `{ "error", "message" }` otherwise. */
  readonly body: string;
}

/** Shared by every answer without headers of its own (most of them), rather than copied each time. */
const JSON_HEADERS: Readonly<Record<string, string>> = Object.freeze({ 'content-type': 'application/json' });

export function answer(
  status: WebhookAnswerStatus,
  body: object,
  headers?: Readonly<Record<string, string>>,
): WebhookAnswer {
  return {
    status,
    headers: headers ? { ...JSON_HEADERS, ...headers } : JSON_HEADERS,
    body: JSON.stringify(body),
  };
}
