export {
  type CreateAuthorizationRequestOptions,
  createListoAuth,
  DEFAULT_SCOPES,
  LISTO_ISSUER,
  type ListoAuth,
  type ListoAuthOptions,
} from './listo-auth';
export {
  isListoAuthError,
  ListoAuthError,
  type ListoAuthErrorCode,
  type ListoAuthErrorDetails,
  type ListoAuthErrorStatus,
} from './listo-auth-error';
export { safeReturnTo } from './safe-redirect';
export { createSealer, type Sealer, type SealOptions } from './sealed-cookie';
export { checkSessionSecret, generateSessionSecret } from './session-secret';
export {
  createMemorySessionStore,
  type MemorySessionStore,
  type SessionRecord,
  type SessionStore,
} from './session-store';
export {
  type AuthorizationRequest,
  type ClientAuthMethod,
  getClaim,
  type JsonValue,
  type ListoIdTokenClaims,
  type ListoProviderMetadata,
  type ListoRefresh,
  type ListoSignIn,
  type ListoStandardClaims,
  type ListoTokens,
  type ListoUserInfo,
  type LoginTransaction,
} from './types';
