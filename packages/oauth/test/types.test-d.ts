import { describe, expectTypeOf, it } from 'vitest';
import type { ListoFetchAuth } from '../src/fetch';
import {
  createListoAuth,
  getClaim,
  type JsonValue,
  type ListoAuth,
  type ListoAuthError,
  type ListoAuthErrorCode,
  type ListoAuthErrorStatus,
  type ListoIdTokenClaims,
  type ListoProviderMetadata,
  type ListoSignIn,
  type ListoUserInfo,
  type SessionStore,
} from '../src/index';
import type { ListoNodeAuth } from '../src/node';
import type { ListoWebSession } from '../src/web-auth';

describe('public types', () => {
  it('createListoAuth needs the client credentials and the redirect URI', () => {
    expectTypeOf(createListoAuth).parameter(0).toHaveProperty('clientId').toEqualTypeOf<string>();
    // @ts-expect-error clientSecret and redirectUri are required
    createListoAuth({ clientId: 'x' });
    expectTypeOf(createListoAuth).returns.toEqualTypeOf<ListoAuth>();
  });

  it('a callback yields typed claims and tokens', () => {
    expectTypeOf<ReturnType<ListoAuth['handleCallback']>>().toEqualTypeOf<Promise<ListoSignIn>>();
    expectTypeOf<ListoIdTokenClaims['sub']>().toEqualTypeOf<string>();
    expectTypeOf<ListoIdTokenClaims['email']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<ListoSignIn['tokens']['refreshToken']>().toEqualTypeOf<string | undefined>();
  });

  it('errors carry a closed set of codes', () => {
    expectTypeOf<ListoAuthError['code']>().toEqualTypeOf<ListoAuthErrorCode>();
    expectTypeOf<'state_mismatch'>().toExtend<ListoAuthErrorCode>();
    // @ts-expect-error not a code
    const bad: ListoAuthErrorCode = 'oops';
    void bad;
  });

  it('Fetch handlers take a Request and give a Response; Node handlers take req/res', () => {
    expectTypeOf<ListoFetchAuth['login']>().toEqualTypeOf<(request: Request) => Promise<Response>>();
    expectTypeOf<ListoNodeAuth['callback']>().parameters.toMatchTypeOf<
      [import('node:http').IncomingMessage, import('node:http').ServerResponse]
    >();
  });

  it('claim types are closed: a misspelt claim does not compile, an unnamed one is read with getClaim', () => {
    const claims = {} as ListoIdTokenClaims;
    // @ts-expect-error no index signature: `emial` is not a claim
    void claims.emial;
    const info = {} as ListoUserInfo;
    // @ts-expect-error closed too
    void info.nmae;
    const metadata = {} as ListoProviderMetadata;
    // @ts-expect-error closed too
    void metadata.token_endpiont;
    expectTypeOf(getClaim(claims, 'listo_tenant')).toEqualTypeOf<JsonValue | undefined>();
    expectTypeOf(getClaim(info, 'listo_tenant')).toEqualTypeOf<JsonValue | undefined>();
    expectTypeOf<ListoSignIn['userinfo']>().toEqualTypeOf<ListoUserInfo | undefined>();
    expectTypeOf<ListoSignIn['idTokenClaims']>().toEqualTypeOf<ListoIdTokenClaims>();
  });

  it('the session says what it holds', () => {
    expectTypeOf<ListoWebSession['claims']>().toEqualTypeOf<ListoIdTokenClaims>();
    expectTypeOf<ListoWebSession['id']>().toEqualTypeOf<string>();
    expectTypeOf<ListoWebSession['expiresAt']>().toEqualTypeOf<number>();
    expectTypeOf<ListoWebSession['tokens']>().not.toHaveProperty('idToken');
    expectTypeOf<SessionStore['get']>().returns.toEqualTypeOf<
      | Promise<{ readonly sub: string; readonly expiresAt: number } | undefined>
      | { readonly sub: string; readonly expiresAt: number }
      | undefined
    >();
  });

  it('an error status is a union of the statuses it can hold', () => {
    expectTypeOf<ListoAuthError['status']>().toEqualTypeOf<ListoAuthErrorStatus | undefined>();
    expectTypeOf<401>().toExtend<ListoAuthErrorStatus>();
    // @ts-expect-error 418 is not one of them
    const teapot: ListoAuthErrorStatus = 418;
    void teapot;
  });
});
