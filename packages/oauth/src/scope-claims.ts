import type { ListoIdTokenClaims, ListoUserInfo } from './types';

/** Which claims each standard scope stands for (OIDC Core §5.4). */
const SCOPE_CLAIMS: Readonly<Record<string, readonly string[]>> = {
  profile: [
    'name',
    'family_name',
    'given_name',
    'middle_name',
    'nickname',
    'preferred_username',
    'profile',
    'picture',
    'website',
    'gender',
    'birthdate',
    'zoneinfo',
    'locale',
    'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
};

/**
 * Whether the ID token lacks what the granted scopes stand for: some scope with none of its claims in the
 * token. A certified provider puts scope claims in the ID token only when it issues no access token for
 * userinfo (OIDC Core §5.4), so this is the usual case; a user who simply has no `middle_name` is not.
 */
export function lacksScopeClaims(scope: string, claims: ListoIdTokenClaims): boolean {
  return scope
    .split(' ')
    .some((s) => SCOPE_CLAIMS[s]?.every((claim) => !Object.hasOwn(claims, claim)) === true);
}

/** The ID token's claims completed with userinfo's; the token's own values win (they are signed). */
export function withUserInfo(claims: ListoIdTokenClaims, userinfo: ListoUserInfo): ListoIdTokenClaims {
  return { ...userinfo, ...claims };
}
