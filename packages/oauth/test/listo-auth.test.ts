import { createHash } from 'node:crypto';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createListoAuth, type ListoAuthError, type ListoAuthOptions } from '../src/index';
import {
  CLIENT,
  decodeJwtPart,
  encodeJwtPart,
  fetchWithForgedIdToken,
  type RunningProvider,
  signInAt,
  startProvider,
  USERS,
} from './support/provider';

let sandbox: RunningProvider;
beforeAll(async () => {
  sandbox = await startProvider();
});
afterAll(() => sandbox.close());
afterEach(() => {
  vi.useRealTimers();
});

function auth(overrides: Partial<ListoAuthOptions> = {}) {
  return createListoAuth({
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    redirectUri: CLIENT.redirectUris[0],
    issuer: sandbox.issuer,
    allowInsecureRequests: true,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>): Promise<ListoAuthError> {
  try {
    await promise;
  } catch (error) {
    return error as ListoAuthError;
  }
  throw new Error('expected a failure');
}

/** Runs a whole login and returns the callback's outcome. */
async function login(client = auth(), sub: string = USERS[0].sub) {
  const request = await client.createAuthorizationRequest();
  const callbackUrl = await signInAt(request.url, sub);
  return { request, callbackUrl, result: client.handleCallback(callbackUrl, request) };
}

describe('discovery', () => {
  it('reads every endpoint from /.well-known/openid-configuration and caches the document', async () => {
    const client = auth();
    const before = sandbox.hits.get('/.well-known/openid-configuration') ?? 0;
    const metadata = await client.discover();
    await client.discover();
    await client.createAuthorizationRequest();
    expect(metadata.issuer).toBe(sandbox.issuer);
    expect(metadata.token_endpoint).toBe(`${sandbox.issuer}/token`);
    expect(sandbox.hits.get('/.well-known/openid-configuration')).toBe(before + 1);
  });

  it('refuses a discovery document that names another issuer', async () => {
    const client = auth({ issuer: sandbox.issuer.replace('127.0.0.1', 'localhost') });
    expect((await failure(client.discover())).code).toBe('discovery_failed');
  });

  it('refuses a plain-http issuer unless allowInsecureRequests is set', () => {
    expect(() => auth({ allowInsecureRequests: false })).toThrowError(
      expect.objectContaining({ code: 'invalid_config' }),
    );
  });

  it('defaults to Listo\u2019s issuer and refuses incomplete options', () => {
    const client = createListoAuth({
      clientId: 'a',
      clientSecret: 'b',
      redirectUri: 'https://app.example/cb',
    });
    expect(client.issuer).toBe('https://api.dashboard.listoglobal.com');
    expect(() =>
      createListoAuth({ clientId: '', clientSecret: 'b', redirectUri: 'https://app.example/cb' }),
    ).toThrow(/clientId/);
    expect(() => createListoAuth({ clientId: 'a', clientSecret: 'b', redirectUri: 'not a url' })).toThrow(
      /redirectUri/,
    );
  });
});

describe('createAuthorizationRequest', () => {
  it('always uses PKCE S256 with a fresh state, nonce and verifier', async () => {
    const client = auth();
    const a = await client.createAuthorizationRequest();
    const b = await client.createAuthorizationRequest();
    const params = a.url.searchParams;
    expect(`${a.url.origin}${a.url.pathname}`).toBe(`${sandbox.issuer}/auth`);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('client_id')).toBe(CLIENT.clientId);
    expect(params.get('redirect_uri')).toBe(CLIENT.redirectUris[0]);
    expect(params.get('scope')).toBe('openid profile email');
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toBe(
      createHash('sha256').update(a.codeVerifier).digest('base64url'),
    );
    expect(params.get('state')).toBe(a.state);
    expect(params.get('nonce')).toBe(a.nonce);
    expect(new Set([a.state, b.state, a.nonce, b.nonce, a.codeVerifier, b.codeVerifier]).size).toBe(6);
  });

  it('adds extra parameters but never lets them replace the core ones', async () => {
    const { url } = await auth().createAuthorizationRequest({
      extraParams: { prompt: 'login', state: 'attacker', code_challenge_method: 'plain' },
    });
    expect(url.searchParams.get('prompt')).toBe('login');
    expect(url.searchParams.get('state')).not.toBe('attacker');
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
  });

  it('always asks for openid, whatever scopes are configured', async () => {
    const { url } = await auth({ scopes: ['email'] }).createAuthorizationRequest();
    expect(url.searchParams.get('scope')).toBe('openid email');
  });
});

describe('handleCallback', () => {
  it('signs the user in with validated claims, completed from userinfo when the ID token lacks them', async () => {
    const { request, result } = await login();
    const { claims, idTokenClaims, userinfo, tokens } = await result;
    // oidc-provider's default: the ID token has no scope claims when an access token for userinfo is issued.
    expect(idTokenClaims).not.toHaveProperty('email');
    expect(userinfo).toEqual({
      sub: USERS[0].sub,
      email: USERS[0].email,
      email_verified: true,
      name: USERS[0].name,
      given_name: USERS[0].givenName,
      family_name: USERS[0].familyName,
    });
    expect(claims).toMatchObject({
      iss: sandbox.issuer,
      sub: USERS[0].sub,
      aud: CLIENT.clientId,
      nonce: request.nonce,
      email: USERS[0].email,
      email_verified: true,
      name: USERS[0].name,
    });
    expect(tokens.tokenType).toBe('bearer');
    expect(tokens.accessToken).toEqual(expect.any(String));
    expect(tokens.idToken).toEqual(expect.any(String));
    expect(tokens.expiresAt).toBeGreaterThan(Date.now() / 1000);
    // A certified provider issues a refresh token only for offline_access (OIDC Core §11).
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('fetches userinfo always, or never, when told to', async () => {
    const before = sandbox.hits.get('/me') ?? 0;
    const never = await (await login(auth({ fetchUserInfo: 'never' }))).result;
    expect(never.claims).not.toHaveProperty('email');
    expect(never.userinfo).toBeUndefined();
    expect(sandbox.hits.get('/me') ?? 0).toBe(before);
    const always = await (await login(auth({ fetchUserInfo: 'always', scopes: ['openid'] }))).result;
    expect(always.userinfo).toEqual({ sub: USERS[0].sub });
    expect(sandbox.hits.get('/me')).toBe(before + 1);
  });

  it('refuses a userinfo answer about another subject than the ID token', async () => {
    const fetch = async (input: string, init: RequestInit) => {
      const response = await globalThis.fetch(input, init);
      if (!new URL(input).pathname.endsWith('/me')) return response;
      return Response.json({ ...((await response.json()) as object), sub: USERS[1].sub });
    };
    const error = await failure((await login(auth({ fetch }))).result);
    expect(error.code).toBe('userinfo_error');
  });

  it('asks for offline_access with prompt=consent, and gets a refresh token', async () => {
    const client = auth({ offlineAccess: true });
    const request = await client.createAuthorizationRequest({ extraParams: { prompt: 'login' } });
    expect(request.url.searchParams.get('scope')).toBe('openid profile email offline_access');
    expect(request.url.searchParams.get('prompt')).toBe('login consent');
    const { tokens } = await client.handleCallback(await signInAt(request.url), request);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.scope?.split(' ')).toContain('offline_access');
  });

  it('authenticates with client_secret_post when told to (the secret in the form, no Authorization header)', async () => {
    const post = await startProvider({ clientAuthMethod: 'client_secret_post' });
    try {
      const sent: { authorization: string | null; body: string }[] = [];
      const fetch = async (input: string, init: RequestInit) => {
        if (new URL(input).pathname.endsWith('/token')) {
          sent.push({
            authorization: new Headers(init.headers).get('authorization'),
            body: String(init.body),
          });
        }
        return globalThis.fetch(input, init);
      };
      const client = auth({ issuer: post.issuer, clientAuthMethod: 'client_secret_post', fetch });
      const { claims } = await (await login(client)).result;
      expect(claims.sub).toBe(USERS[0].sub);
      expect(sent).toHaveLength(1);
      expect(sent[0]!.authorization).toBeNull();
      expect(new URLSearchParams(sent[0]!.body).get('client_secret')).toBe(CLIENT.clientSecret);
    } finally {
      await post.close();
    }
  });

  it('reports a wrong client secret as a token error without repeating the secret', async () => {
    const secret = 'a-wrong-secret-that-must-not-leak';
    const error = await failure((await login(auth({ clientSecret: secret }))).result);
    expect(error).toMatchObject({ code: 'token_error', oauthError: 'invalid_client', status: 401 });
    expect(JSON.stringify({ ...error, message: error.message, stack: error.stack })).not.toContain(secret);
  });

  it('refuses a callback whose state is not the one this login started with (no code exchange)', async () => {
    const client = auth();
    const request = await client.createAuthorizationRequest();
    const callbackUrl = await signInAt(request.url);
    const tokenCalls = sandbox.hits.get('/token') ?? 0;
    const error = await failure(client.handleCallback(callbackUrl, { ...request, state: 'another-login' }));
    expect(error.code).toBe('state_mismatch');
    callbackUrl.searchParams.delete('state');
    expect((await failure(client.handleCallback(callbackUrl, request))).code).toBe('state_mismatch');
    expect(sandbox.hits.get('/token') ?? 0).toBe(tokenCalls);
  });

  it('reports a provider error (the user cancelled) with its OAuth error code', async () => {
    const client = auth();
    const request = await client.createAuthorizationRequest();
    const error = await failure(client.handleCallback(await signInAt(request.url, 'cancel'), request));
    expect(error).toMatchObject({ code: 'authorization_error', oauthError: 'access_denied' });
  });

  it('refuses an ID token whose nonce is not this login\u2019s', async () => {
    const client = auth();
    const request = await client.createAuthorizationRequest();
    const callbackUrl = await signInAt(request.url);
    const error = await failure(
      client.handleCallback(callbackUrl, { ...request, nonce: 'a-nonce-from-elsewhere' }),
    );
    expect(error).toMatchObject({ code: 'nonce_mismatch', claim: 'nonce' });
  });

  it('refuses a replayed code, and the provider revokes what the first exchange issued', async () => {
    const client = auth();
    const { request, callbackUrl, result } = await login(client);
    const first = await result;
    const error = await failure(client.handleCallback(callbackUrl, request));
    expect(error).toMatchObject({ code: 'token_error', oauthError: 'invalid_grant' });
    expect((await failure(client.userinfo(first.tokens.accessToken))).code).toBe('userinfo_error');
  });

  it('refuses a code exchanged with another redirect_uri than the one it was issued for', async () => {
    const starter = auth();
    const request = await starter.createAuthorizationRequest();
    const callbackUrl = await signInAt(request.url);
    const other = auth({ redirectUri: CLIENT.redirectUris[1] });
    const error = await failure(other.handleCallback(callbackUrl, request));
    expect(error).toMatchObject({ code: 'token_error', oauthError: 'invalid_grant' });
  });

  it('never gets a code for an unregistered redirect_uri: the provider shows an error instead of redirecting', async () => {
    const { url } = await auth({ redirectUri: 'http://127.0.0.1:5173/evil' }).createAuthorizationRequest();
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('refuses the exchange when the PKCE verifier is not the one the challenge was made from', async () => {
    const client = auth();
    const request = await client.createAuthorizationRequest();
    const callbackUrl = await signInAt(request.url);
    const otherVerifier = (await client.createAuthorizationRequest()).codeVerifier;
    const error = await failure(
      client.handleCallback(callbackUrl, { ...request, codeVerifier: otherVerifier }),
    );
    expect(error).toMatchObject({ code: 'token_error', oauthError: 'invalid_grant' });
  });
});

describe('ID token validation', () => {
  /** Re-signs the real ID token's claims, changed by `edit`, with the provider's own key (or header). */
  function resigned(
    edit: (claims: Record<string, unknown>) => Record<string, unknown>,
    header?: { kid?: string },
  ) {
    return fetchWithForgedIdToken((original) =>
      sandbox.provider.signJwt(edit(decodeJwtPart(original.split('.')[1]!)), header),
    );
  }

  it('accepts a token re-signed by the provider unchanged (the forging harness itself is sound)', async () => {
    const { claims } = await (await login(auth({ fetch: resigned((c) => c) }))).result;
    expect(claims.sub).toBe(USERS[0].sub);
  });

  it('refuses a tampered ID token (payload changed after signing)', async () => {
    const fetch = fetchWithForgedIdToken((original) => {
      const [header, payload, signature] = original.split('.');
      const claims = { ...decodeJwtPart(payload!), sub: USERS[1].sub, email: USERS[1].email };
      return `${header}.${encodeJwtPart(claims)}.${signature}`;
    });
    expect((await failure((await login(auth({ fetch }))).result)).code).toBe('id_token_signature');
  });

  it('refuses an unsigned ID token (alg: none)', async () => {
    const fetch = fetchWithForgedIdToken((original) => {
      const payload = original.split('.')[1]!;
      return `${encodeJwtPart({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    });
    expect((await failure((await login(auth({ fetch }))).result)).code).toBe('id_token_signature');
  });

  it('refuses an ID token signed by another key that claims the provider\u2019s kid', async () => {
    const kid = await sandbox.provider.currentKid();
    const { privateKey } = await generateKeyPair('RS256');
    const fetch = fetchWithForgedIdToken((original) =>
      new SignJWT(decodeJwtPart(original.split('.')[1]!))
        .setProtectedHeader({ alg: 'RS256', kid })
        .sign(privateKey),
    );
    expect((await failure((await login(auth({ fetch }))).result)).code).toBe('id_token_signature');
  });

  it('refuses an ID token for another issuer', async () => {
    const fetch = resigned((c) => ({ ...c, iss: 'https://evil.example' }));
    expect(await failure((await login(auth({ fetch }))).result)).toMatchObject({
      code: 'id_token_claims',
      claim: 'iss',
    });
  });

  it('refuses an ID token for another audience', async () => {
    const fetch = resigned((c) => ({ ...c, aud: 'someone-else' }));
    expect(await failure((await login(auth({ fetch }))).result)).toMatchObject({
      code: 'id_token_claims',
      claim: 'aud',
    });
  });

  it('refuses an expired ID token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const fetch = resigned((c) => ({ ...c, iat: now - 7200, exp: now - 3600 }));
    expect(await failure((await login(auth({ fetch }))).result)).toMatchObject({
      code: 'id_token_expired',
      claim: 'exp',
    });
  });

  it('refuses an ID token whose kid is in no JWKS the provider publishes', async () => {
    const fetch = resigned((c) => c, { kid: 'a-kid-nobody-published' });
    expect((await failure((await login(auth({ fetch }))).result)).code).toBe('id_token_signature');
  });
});

describe('JWKS rotation', () => {
  it('keeps the old key published and fetches the JWKS again to verify tokens signed with the new key', async () => {
    const rotating = await startProvider();
    try {
      const client = auth({ issuer: rotating.issuer });
      const oldKid = await rotating.provider.currentKid();
      await (await login(client)).result;
      expect(rotating.hits.get('/jwks')).toBe(1);

      const newKid = await rotating.provider.rotateSigningKey();
      const jwks = (await (await fetch(`${rotating.issuer}/jwks`)).json()) as {
        keys: { kid: string }[];
      };
      expect(jwks.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);

      // oauth4webapi refetches a JWKS for an unknown kid at most once a minute (a guard against key-id
      // flooding); move the clock past that minute instead of waiting.
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
      const { claims, tokens } = await (await login(client)).result;
      expect(claims.sub).toBe(USERS[0].sub);
      expect(decodeJwtPart(tokens.idToken!.split('.')[0]!).kid).toBe(newKid);
      expect(rotating.hits.get('/jwks')).toBe(3);
    } finally {
      await rotating.close();
    }
  });
});

describe('refresh and userinfo', () => {
  it('refreshes tokens and validates the new ID token', async () => {
    const client = auth({ offlineAccess: true });
    const { tokens } = await (await login(client)).result;
    const refreshed = await client.refresh(tokens.refreshToken!);
    expect(refreshed.tokens.accessToken).not.toBe(tokens.accessToken);
    expect(refreshed.tokens.refreshToken).toEqual(expect.any(String));
    expect(refreshed.claims?.sub).toBe(USERS[0].sub);
    expect((await failure(client.refresh('not-a-refresh-token'))).code).toBe('token_error');
  });

  it('returns the user\u2019s claims from userinfo and checks they are about the expected subject', async () => {
    const client = auth();
    const { claims, tokens } = await (await login(client, USERS[1].sub)).result;
    expect(await client.userinfo(tokens.accessToken, claims.sub)).toEqual({
      sub: USERS[1].sub,
      email: USERS[1].email,
      email_verified: true,
      name: USERS[1].name,
    });
    const error = await failure(client.userinfo(tokens.accessToken, USERS[0].sub));
    expect(error.code).toBe('userinfo_error');
  });
});

describe('errors', () => {
  it('never carry a token, a code or a verifier, even when the provider\u2019s answer held them', async () => {
    const secrets: string[] = [];
    const fetch = fetchWithForgedIdToken((original) => {
      secrets.push(original);
      return `${encodeJwtPart({ alg: 'none' })}.${original.split('.')[1]}.`;
    });
    const { request, callbackUrl, result } = await login(auth({ fetch }));
    const error = await failure(result);
    const everything = JSON.stringify({
      ...error,
      message: error.message,
      stack: error.stack,
      cause: error.cause,
    });
    for (const secret of [
      ...secrets,
      request.codeVerifier,
      callbackUrl.searchParams.get('code')!,
      CLIENT.clientSecret,
    ]) {
      expect(everything).not.toContain(secret);
    }
    expect(error.cause).toBeUndefined();
  });
});

describe('ID token algorithms', () => {
  it.each(['RS256', 'PS256', 'ES256', 'EdDSA'] as const)(
    'validates an ID token signed with %s',
    async (alg) => {
      const provider = await startProvider({ alg });
      try {
        const { claims, tokens } = await (await login(auth({ issuer: provider.issuer }))).result;
        expect(claims).toMatchObject({ sub: USERS[0].sub, email: USERS[0].email });
        expect(decodeJwtPart(tokens.idToken!.split('.')[0]!)).toMatchObject({
          alg,
          kid: await provider.provider.currentKid(),
        });
      } finally {
        await provider.close();
      }
    },
  );
});

describe('an issuer with a path', () => {
  it('discovers at <issuer>/.well-known/openid-configuration and signs in through it', async () => {
    const provider = await startProvider({ path: '/tenants/acme' });
    try {
      const client = auth({ issuer: provider.issuer });
      expect((await client.discover()).token_endpoint).toBe(`${provider.issuer}/token`);
      const { claims } = await (await login(client)).result;
      expect(claims).toMatchObject({ iss: provider.issuer, sub: USERS[0].sub });
    } finally {
      await provider.close();
    }
  });
});
