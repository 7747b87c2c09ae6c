export {
  createOidcProvider,
  OIDC_PATHS,
  OIDC_SCOPES,
  type OidcClient,
  type OidcJwtClaims,
  type OidcProvider,
  type OidcProviderOptions,
  type OidcUser,
} from './oidc-provider';
export { datasetOidcUsers, SANDBOX_OIDC_CLIENT } from './sandbox-oidc';
