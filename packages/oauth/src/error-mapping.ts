import * as oauth from 'oauth4webapi';
import { ListoAuthError, type ListoAuthErrorCode, toErrorStatus } from './listo-auth-error';

type Step = 'discovery' | 'callback' | 'token' | 'refresh' | 'userinfo';

const STEP_CODE: Record<Step, ListoAuthErrorCode> = {
  discovery: 'discovery_failed',
  callback: 'invalid_response',
  token: 'token_error',
  refresh: 'token_error',
  userinfo: 'userinfo_error',
};

function claimOf(cause: unknown): string | undefined {
  if (typeof cause === 'object' && cause !== null && 'claim' in cause && typeof cause.claim === 'string') {
    return cause.claim;
  }
  return undefined;
}

/**
 * Turns whatever oauth4webapi (or fetch) threw into a `ListoAuthError`. Only codes, claim names and
 * statuses are copied over: oauth4webapi's `cause` can hold whole response bodies (tokens included), so
 * it is never carried along.
 */
export function toListoAuthError(error: unknown, step: Step): ListoAuthError {
  if (error instanceof ListoAuthError) return error;

  if (error instanceof oauth.AuthorizationResponseError) {
    return new ListoAuthError(
      'authorization_error',
      `The provider returned an authorization error: ${error.error}`,
      {
        oauthError: error.error,
      },
    );
  }

  if (error instanceof oauth.ResponseBodyError) {
    const status = toErrorStatus(error.status);
    return new ListoAuthError(STEP_CODE[step], `The ${step} request was refused: ${error.error}`, {
      oauthError: error.error,
      ...(status === undefined ? {} : { status }),
    });
  }

  if (error instanceof oauth.WWWAuthenticateChallengeError) {
    // A 401 with a challenge: at the token endpoint this is failed client authentication (RFC 6749 5.2).
    const oauthError =
      error.cause.find((c) => typeof c.parameters.error === 'string')?.parameters.error ??
      (step === 'token' || step === 'refresh' ? 'invalid_client' : undefined);
    const status = toErrorStatus(error.status);
    return new ListoAuthError(STEP_CODE[step], `The ${step} request was refused (HTTP ${error.status})`, {
      ...(status === undefined ? {} : { status }),
      ...(oauthError === undefined ? {} : { oauthError }),
    });
  }

  if (error instanceof oauth.UnsupportedOperationError) {
    // e.g. an ID token with `alg: none` or an algorithm this client does not accept.
    if (step === 'callback' || step === 'refresh') {
      return new ListoAuthError('id_token_signature', 'The ID token is signed with an unsupported algorithm');
    }
    return new ListoAuthError(STEP_CODE[step], `Unsupported operation during ${step}`);
  }

  if (error instanceof oauth.OperationProcessingError) {
    const claim = claimOf(error.cause);
    const details = claim === undefined ? {} : { claim };
    switch (error.code) {
      case oauth.JWT_TIMESTAMP_CHECK:
        return new ListoAuthError(
          'id_token_expired',
          `The ID token "${claim ?? 'exp'}" check failed`,
          details,
        );
      case oauth.JWT_CLAIM_COMPARISON:
        if (claim === 'nonce') {
          return new ListoAuthError(
            'nonce_mismatch',
            'The ID token nonce does not match this login',
            details,
          );
        }
        return new ListoAuthError(
          'id_token_claims',
          `The ID token "${claim ?? 'unknown'}" claim is wrong`,
          details,
        );
      case oauth.KEY_SELECTION:
        return new ListoAuthError(
          'id_token_signature',
          'No key in the issuer JWKS matches the ID token (kid)',
        );
      case oauth.MISSING_SERVER_METADATA:
      case oauth.INVALID_SERVER_METADATA:
        return new ListoAuthError('discovery_failed', error.message);
      case oauth.JSON_ATTRIBUTE_COMPARISON:
        if (step === 'discovery') {
          return new ListoAuthError('discovery_failed', 'The discovery document names another issuer');
        }
        if (step === 'userinfo') {
          return new ListoAuthError('userinfo_error', 'The userinfo response is for another subject');
        }
        return new ListoAuthError('invalid_response', `Unexpected response during ${step}`);
      case oauth.HTTP_REQUEST_FORBIDDEN:
      case oauth.REQUEST_PROTOCOL_FORBIDDEN:
        return new ListoAuthError(
          'invalid_config',
          'Refusing a plain-http request; set allowInsecureRequests: true only for a local sandbox',
        );
      default:
        break;
    }
    if (error.message === 'JWT signature verification failed') {
      return new ListoAuthError('id_token_signature', 'The ID token signature is invalid');
    }
    if (/"alg"/.test(error.message)) {
      return new ListoAuthError('id_token_signature', 'The ID token is signed with an unexpected algorithm');
    }
    if (error.message.includes('"state"')) {
      return new ListoAuthError('state_mismatch', 'The callback state does not match this login');
    }
    if (error.message.includes('"id_token"') && step === 'callback') {
      return new ListoAuthError('id_token_missing', 'The token response has no ID token');
    }
    if (step === 'discovery')
      return new ListoAuthError('discovery_failed', 'The discovery document is unusable');
    return new ListoAuthError('invalid_response', `The provider's ${step} response could not be processed`);
  }

  if (error instanceof TypeError || (error instanceof Error && error.name === 'AbortError')) {
    // fetch() network failures are TypeErrors; oauth4webapi's argument errors are TypeErrors with a code.
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_INVALID_ARG_VALUE' || code === 'ERR_INVALID_ARG_TYPE') {
      return new ListoAuthError(STEP_CODE[step], `Invalid value during ${step}`);
    }
    return new ListoAuthError('network_error', `The provider could not be reached during ${step}`);
  }

  return new ListoAuthError(STEP_CODE[step], `The ${step} step failed`);
}
