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
} from './listo-auth-error';
export { safeReturnTo } from './safe-redirect';
export { createSealer, type Sealer, type SealOptions } from './sealed-cookie';
export type {
  AuthorizationRequest,
  ClientAuthMethod,
  JsonValue,
  ListoIdTokenClaims,
  ListoProviderMetadata,
  ListoRefresh,
  ListoSignIn,
  ListoTokens,
  ListoUserInfo,
  LoginTransaction,
} from './types';
