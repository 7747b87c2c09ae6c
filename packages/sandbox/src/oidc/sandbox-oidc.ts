import type { Dataset } from '../dataset/dataset';
import type { OidcClient, OidcUser } from './oidc-types';

/**
 * The relying party `listo-sandbox serve` registers by default. Its redirect URIs are the usual local
 * callback of the sample receiver (port 3000); pass `oidc.clients` (or `--oauth-redirect-uri`) for others.
 * These credentials are public on purpose: they only ever open the sandbox.
 */
export const SANDBOX_OIDC_CLIENT: OidcClient = {
  clientId: 'listo-sandbox-client',
  clientSecret: 'listo-sandbox-client-secret',
  redirectUris: ['http://localhost:3000/auth/callback', 'http://127.0.0.1:3000/auth/callback'],
};

/** Every user of the dataset can sign in; `sub` is the user's Listo ID (an assumption about Listo's IDs). */
export function datasetOidcUsers(dataset: Dataset): OidcUser[] {
  return dataset.users.map((user) => ({
    sub: user.id,
    email: user.email,
    name: user.fullName,
    givenName: user.firstName,
    familyName: user.lastName,
  }));
}
