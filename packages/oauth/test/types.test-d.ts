import { describe, expectTypeOf, it } from 'vitest';
import type { ListoFetchAuth } from '../src/fetch';
import {
  createListoAuth,
  type ListoAuth,
  type ListoAuthError,
  type ListoAuthErrorCode,
  type ListoIdTokenClaims,
  type ListoSignIn,
} from '../src/index';
import type { ListoNodeAuth } from '../src/node';

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
});
