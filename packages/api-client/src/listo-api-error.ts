/**
 * What went wrong:
 * - `http`: Listo answered with a non-2xx status (5xx and 429 only after the retries ran out);
 * - `network`: no response (connection refused or reset, DNS, …), after the retries ran out;
 * - `timeout`: an attempt took longer than `timeoutMs`, after the retries ran out;
 * - `redirect`: a redirect the client refuses to follow (to another origin, a downgrade to http, more than
 *   five hops, or any redirect of a method other than GET, HEAD or OPTIONS), so the API key stays home;
 * - `too-large`: a response body longer than `maxResponseBytes`;
 * - `invalid-response`: a 2xx whose body is not the JSON the document promises.
 */
export type ListoApiErrorKind =
  | 'http'
  | 'network'
  | 'timeout'
  | 'redirect'
  | 'too-large'
  | 'invalid-response';

/** The redirect statuses a `redirect` error can carry. */
export type RedirectStatus = 301 | 302 | 303 | 307 | 308;

/**
 * What `statusCode` holds for each kind: no status when no response arrived, a redirect status for
 * `redirect` (`undefined` when the runtime hides it, as browsers do), the HTTP status Listo sent otherwise.
 */
export type ListoApiErrorStatus<K extends ListoApiErrorKind> = K extends 'network' | 'timeout'
  ? undefined
  : K extends 'redirect'
    ? RedirectStatus | undefined
    : number;

/** The fields of a {@link ListoApiError} of kind `K`. */
export interface ListoApiErrorFields<K extends ListoApiErrorKind> {
  kind: K;
  statusCode: ListoApiErrorStatus<K>;
  message: string;
  method: string;
  path: string;
  attempts: number;
}

/** What a {@link ListoApiError} is made of, discriminated by `kind` (so `statusCode` fits the kind). */
export type ListoApiErrorInit<K extends ListoApiErrorKind = ListoApiErrorKind> = K extends ListoApiErrorKind
  ? ListoApiErrorFields<K> & { cause?: unknown }
  : never;

/** The JSON form of a {@link ListoApiError}, discriminated by `kind`. */
export type ListoApiErrorJSON<K extends ListoApiErrorKind = ListoApiErrorKind> = K extends ListoApiErrorKind
  ? ListoApiErrorFields<K> & { name: 'ListoApiError' }
  : never;

/**
 * A failed call to Listo's REST API. Carries no request headers, so never the API key; the client builds
 * every one through a single redactor (see the README, "Errors").
 */
class ListoApiErrorClass extends Error {
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

  /** Builds the error from what the failed call knew; the client creates these, you rarely need to. */
  constructor(init: ListoApiErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.kind = init.kind;
    this.statusCode = init.statusCode;
    this.method = init.method;
    this.path = init.path;
    this.attempts = init.attempts;
  }

  /** Whether this failure was transient on Listo's side (5xx, 429, network, timeout). */
  get retryable(): boolean {
    if (this.kind === 'network' || this.kind === 'timeout') return true;
    const status = this.statusCode ?? 0;
    return this.kind === 'http' && (status >= 500 || status === 429);
  }

  /** A plain object for logs: kind, status, message, method, path and attempts (never the API key or a body). */
  toJSON(): ListoApiErrorJSON {
    return {
      name: this.name,
      kind: this.kind,
      statusCode: this.statusCode,
      message: this.message,
      method: this.method,
      path: this.path,
      attempts: this.attempts,
    } as ListoApiErrorJSON;
  }
}

/** What every {@link ListoApiError} has, whatever its kind. */
export interface ListoApiErrorBase extends Error {
  readonly name: 'ListoApiError';
  /** The HTTP method, e.g. `GET`. */
  readonly method: string;
  /** The request path without query, e.g. `/v1/instance-integrations/inst_…/clients`. */
  readonly path: string;
  /** How many attempts were made (1 + retries). */
  readonly attempts: number;
  /** Whether this failure was transient on Listo's side (5xx, 429, network, timeout). */
  readonly retryable: boolean;
}

/** A {@link ListoApiError} of kind `K`, whose `statusCode` is what that kind can hold. */
export type ListoApiErrorOf<K extends ListoApiErrorKind> = K extends ListoApiErrorKind
  ? ListoApiErrorBase & {
      readonly kind: K;
      /** The HTTP status, or `undefined` when no response arrived (`network`, `timeout`). */
      readonly statusCode: ListoApiErrorStatus<K>;
      /** A plain object for logs: kind, status, message, method, path and attempts (never the API key or a body). */
      toJSON(): ListoApiErrorJSON<K>;
    }
  : never;

/**
 * A failed call to Listo's REST API: a union over `kind`, so that after `error instanceof ListoApiError`
 * checking `error.kind` narrows `statusCode` (a `number` for `http`, `undefined` for `network`, …).
 */
export type ListoApiError = ListoApiErrorOf<ListoApiErrorKind>;

/** The class of every {@link ListoApiError}; `instanceof ListoApiError` narrows to the union above. */
export const ListoApiError: {
  /** Builds the error from what the failed call knew; the client creates these, you rarely need to. */
  new <K extends ListoApiErrorKind>(init: ListoApiErrorInit<K>): ListoApiErrorOf<K>;
  readonly prototype: ListoApiError;
} = ListoApiErrorClass as never;
