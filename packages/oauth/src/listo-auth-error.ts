/**
 * Stable error codes. Match on `code`, never on `message`.
 */
export type ListoAuthErrorCode =
  /** The options given to `createListoAuth` or a web helper are unusable. */
  | 'invalid_config'
  /** `/.well-known/openid-configuration` could not be fetched, or its content is unusable. */
  | 'discovery_failed'
  /** The callback's `state` is missing or is not the one this login started with. */
  | 'state_mismatch'
  /** The provider sent the user back with an `error` (e.g. `access_denied`). See `oauthError`. */
  | 'authorization_error'
  /** The token endpoint refused the request (e.g. `invalid_grant`: replayed code, wrong verifier). */
  | 'token_error'
  /** The token response had no ID token although `openid` was requested. */
  | 'id_token_missing'
  /** The ID token's signature did not verify against the issuer's JWKS (tampered, `alg: none`, unknown `kid`). */
  | 'id_token_signature'
  /** The ID token's `exp` is in the past (or `iat`/`nbf` is unacceptable). */
  | 'id_token_expired'
  /** The ID token's `nonce` is not the one this login started with. */
  | 'nonce_mismatch'
  /** Another ID token claim is wrong: `iss`, `aud`, `azp`, `sub`... (see `claim`). */
  | 'id_token_claims'
  /** The userinfo endpoint failed or answered for another subject. */
  | 'userinfo_error'
  /** A response from the provider could not be processed. */
  | 'invalid_response'
  /** The provider could not be reached. */
  | 'network_error'
  /** The transient login cookie is missing, expired or was tampered with. */
  | 'invalid_transaction'
  /** A sealed cookie could not be opened (tampered, expired, wrong key, unknown format). */
  | 'invalid_cookie';

/**
 * The HTTP statuses a provider's error answer is reported with: those the OAuth specs give error responses
 * (400, 401 and 403: RFC 6749 §5.2, RFC 6750 §3.1) and the common ones of a failing or busy server. Any
 * other 4xx is reported as 400, any other 5xx as 500.
 */
export type ListoAuthErrorStatus = 400 | 401 | 403 | 404 | 429 | 500 | 502 | 503 | 504;

const STATUSES: ReadonlySet<number> = new Set<ListoAuthErrorStatus>([
  400, 401, 403, 404, 429, 500, 502, 503, 504,
]);

/** Folds a provider's HTTP status into `ListoAuthErrorStatus` (undefined for a status that is not an error). */
export function toErrorStatus(status: number): ListoAuthErrorStatus | undefined {
  if (STATUSES.has(status)) return status as ListoAuthErrorStatus;
  if (status >= 400 && status < 500) return 400;
  if (status >= 500 && status < 600) return 500;
  return undefined;
}

/** What a `ListoAuthError` carries besides its code and message. */
export interface ListoAuthErrorDetails {
  /** The OAuth `error` code sent by the provider, when there was one (`invalid_grant`, `access_denied`...). */
  readonly oauthError?: string;
  /** The HTTP status of the provider's error response, when there was one. */
  readonly status?: ListoAuthErrorStatus;
  /** The name of the ID token claim that failed a check, when known (`iss`, `aud`, `nonce`, `exp`...). */
  readonly claim?: string;
}

/**
 * Every failure of `@listo/oauth` is a `ListoAuthError`. Its message and properties never contain a
 * client secret, a token, a code or a PKCE verifier: the underlying library's error (whose `cause` may hold
 * response bodies with tokens) is deliberately not attached.
 */
export class ListoAuthError extends Error {
  override readonly name = 'ListoAuthError';
  readonly code: ListoAuthErrorCode;
  readonly oauthError: string | undefined;
  readonly status: ListoAuthErrorStatus | undefined;
  readonly claim: string | undefined;

  /** An error with a stable `code`, its message, and what the provider said (`details`). */
  constructor(code: ListoAuthErrorCode, message: string, details: ListoAuthErrorDetails = {}) {
    super(message);
    this.code = code;
    this.oauthError = details.oauthError;
    this.status = details.status;
    this.claim = details.claim;
  }
}

/** Whether `value` is a `ListoAuthError`. */
export function isListoAuthError(value: unknown): value is ListoAuthError {
  return value instanceof ListoAuthError;
}
