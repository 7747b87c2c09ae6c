/**
 * What went wrong:
 * - `http`: Listo answered with a non-2xx status (5xx only after the retries ran out);
 * - `network`: no response (connection refused or reset, DNS, …), after the retries ran out;
 * - `timeout`: an attempt took longer than `timeoutMs`, after the retries ran out;
 * - `invalid-response`: a 2xx whose body is not the JSON the document promises.
 */
export type ListoApiErrorKind = 'http' | 'network' | 'timeout' | 'invalid-response';

export interface ListoApiErrorInit {
  kind: ListoApiErrorKind;
  statusCode: number | undefined;
  message: string;
  method: string;
  path: string;
  attempts: number;
  cause?: unknown;
}

/**
 * A failed call to Listo's REST API. Carries no request headers, so never the API key; messages built
 * from a response body have the key redacted in case a server echoes it.
 */
export class ListoApiError extends Error {
  override readonly name = 'ListoApiError' as const;
  readonly kind: ListoApiErrorKind;
  /** The HTTP status, or `undefined` when no response arrived (`network`, `timeout`). */
  readonly statusCode: number | undefined;
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The request path without query, e.g. `/v1/instance-integrations/inst_…/clients`. */
  readonly path: string;
  /** How many attempts were made (1 + retries). */
  readonly attempts: number;

  constructor(init: ListoApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.statusCode = init.statusCode;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
  }

  /** Whether this failure was transient on Listo's side (5xx, network, timeout). */
  get retryable(): boolean {
    return this.kind === 'network' || this.kind === 'timeout' || (this.statusCode ?? 0) >= 500;
  }

  toJSON(): Omit<ListoApiErrorInit, 'cause'> & { name: 'ListoApiError' } {
    return {
      name: this.name,
      kind: this.kind,
      statusCode: this.statusCode,
      message: this.message,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    };
  }
}
