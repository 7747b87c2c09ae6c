import { createLocalJWKSet, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  authorizationRequest,
  Browser,
  CLIENT,
  decodeJwtPart,
  exchange,
  OTHER_USER,
  type RunningOidc,
  relyingParty,
  startOidc,
  USER,
} from './oidc-support';

// The sandbox's provider against openid-client, a relying party we did not write (panva's, certified).
// @listo/oauth runs its own suite against it and against a bare oidc-provider.

let oidc: RunningOidc;
let rp: client.Configuration;
beforeAll(async () => {
  oidc = await startOidc();
  rp = await relyingParty(oidc.issuer);
});
afterAll(() => oidc.close());
afterEach(() => {
  vi.useRealTimers();
});

async function failure(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a failure');
}

/** A whole sign-in with a fresh browser; returns the tokens and what was used. */
async function signIn(params: Record<string, string> = {}, config = rp, browser = new Browser(oidc.issuer)) {
  const login = await authorizationRequest(config, params);
  const callback = await browser.signIn(login.url);
  return { login, callback, browser, tokens: await exchange(config, login, callback) };
}

describe('discovery and keys', () => {
  it('names itself as issuer and every endpoint under it, with PKCE S256 and both secret methods', () => {
    const metadata = rp.serverMetadata();
    expect(metadata).toMatchObject({
      issuer: oidc.issuer,
      authorization_endpoint: `${oidc.issuer}/oauth2/authorize`,
      token_endpoint: `${oidc.issuer}/oauth2/token`,
      userinfo_endpoint: `${oidc.issuer}/oauth2/userinfo`,
      jwks_uri: `${oidc.issuer}/oauth2/jwks`,
      revocation_endpoint: `${oidc.issuer}/oauth2/revoke`,
      code_challenge_methods_supported: ['S256'],
      response_types_supported: ['code'],
      id_token_signing_alg_values_supported: expect.arrayContaining(['RS256']),
      scopes_supported: expect.arrayContaining(['openid', 'offline_access', 'profile', 'email']),
    });
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(
      expect.arrayContaining(['client_secret_basic', 'client_secret_post']),
    );
    expect(metadata.end_session_endpoint).toBeUndefined();
  });

  it('publishes public RS256 keys only', async () => {
    const { keys } = (await (await fetch(`${oidc.issuer}/oauth2/jwks`)).json()) as {
      keys: Record<string, string>[];
    };
    expect(keys[0]).toMatchObject({
      kty: 'RSA',
      alg: 'RS256',
      use: 'sig',
      kid: await oidc.provider.currentKid(),
    });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('signs with the new kid after a rotation, keeps the old key published, then drops it after the grace period', async () => {
    const rotating = await startOidc({ retiredKeyGraceSeconds: 10 });
    try {
      const config = await relyingParty(rotating.issuer);
      const before = await rotating.provider.currentKid();
      const after = await rotating.provider.rotateSigningKey();
      const jwks = async () =>
        (
          (await (await fetch(`${rotating.issuer}/oauth2/jwks`)).json()) as { keys: { kid: string }[] }
        ).keys.map((k) => k.kid);
      expect(await jwks()).toEqual([after, before]);
      const login = await authorizationRequest(config);
      const tokens = await exchange(config, login, await new Browser(rotating.issuer).signIn(login.url));
      expect(decodeJwtPart(tokens.id_token!.split('.')[0]!).kid).toBe(after);
      vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 11_000 });
      expect(await jwks()).toEqual([after]);
    } finally {
      await rotating.close();
    }
  });

  it('signs crafted claims with its published key (signJwt, for relying-party tests)', async () => {
    const token = await oidc.provider.signJwt({ sub: 'x', aud: 'y', iss: oidc.issuer });
    const jwks = createLocalJWKSet(await (await fetch(`${oidc.issuer}/oauth2/jwks`)).json());
    expect((await jwtVerify(token, jwks)).payload).toMatchObject({ sub: 'x', aud: 'y' });
  });
});

describe('a sign-in', () => {
  it('issues a code for the chosen user, an RS256 ID token with the nonce, and the profile from userinfo', async () => {
    const { login, callback, tokens } = await signIn();
    expect(callback.searchParams.get('iss')).toBe(oidc.issuer);
    expect(tokens.claims()).toMatchObject({
      iss: oidc.issuer,
      sub: USER.sub,
      aud: CLIENT.clientId,
      nonce: login.nonce,
    });
    // A certified provider's default: scope claims come from userinfo when an access token for it is issued.
    expect(tokens.claims()).not.toHaveProperty('email');
    expect(await client.fetchUserInfo(rp, tokens.access_token, USER.sub)).toEqual({
      sub: USER.sub,
      email: USER.email,
      email_verified: true,
      name: USER.name,
    });
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('shows the dataset users on its sign-in page, every value HTML-escaped', async () => {
    const login = await authorizationRequest(rp, { state: '"><script>x</script>' });
    const browser = new Browser(oidc.issuer);
    const first = await browser.request(login.url.href);
    const html = await (
      await browser.request(new URL(first.headers.get('location')!, oidc.issuer).href)
    ).text();
    expect(html).toContain('Sign in as &lt;Ada &amp; &quot;Bob&quot;&gt;');
    expect(html).toContain(`value="${OTHER_USER.sub}"`);
    expect(html).not.toContain('<script>x');
  });

  it('accepts the authorization request sent by POST (OIDC Core 3.1.2.1)', async () => {
    const login = await authorizationRequest(rp);
    const endpoint = `${login.url.origin}${login.url.pathname}`;
    const callback = await new Browser(oidc.issuer).signIn(endpoint, USER.sub, {
      method: 'POST',
      body: login.url.searchParams,
    });
    expect((await exchange(rp, login, callback)).claims()?.sub).toBe(USER.sub);
  });

  it('ignores a scope it does not know instead of refusing the request', async () => {
    const { tokens } = await signIn({ scope: 'openid email made-up-scope' });
    expect(tokens.scope?.split(' ').sort()).toEqual(['email', 'openid']);
  });

  it('answers the cancel button with access_denied', async () => {
    const login = await authorizationRequest(rp);
    const callback = await new Browser(oidc.issuer).signIn(login.url, 'deny');
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('state')).toBe(login.state);
  });

  it('refuses an unregistered redirect_uri with an error page, never a redirect', async () => {
    const login = await authorizationRequest(rp, { redirect_uri: 'http://127.0.0.1:1/evil' });
    const response = await fetch(login.url, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
    expect(response.headers.get('content-type')).toContain('text/html');
  });

  it('requires PKCE', async () => {
    const url = new URL(rp.serverMetadata().authorization_endpoint!);
    for (const [k, v] of Object.entries({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUris[0],
      scope: 'openid',
      state: 's',
    }))
      url.searchParams.set(k, v);
    const response = await fetch(url, { redirect: 'manual' });
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
  });
});

describe('prompt', () => {
  it('answers prompt=none without a session with error=login_required, not a sign-in page', async () => {
    const login = await authorizationRequest(rp, { prompt: 'none' });
    const response = await fetch(login.url, { redirect: 'manual' });
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(CLIENT.redirectUris[0]);
    expect(location.searchParams.get('error')).toBe('login_required');
    expect(location.searchParams.get('state')).toBe(login.state);
  });

  it('signs a browser that has a session in with prompt=none, and asks again with prompt=login', async () => {
    const browser = new Browser(oidc.issuer);
    await signIn({}, rp, browser);
    expect(browser.pages).toBe(1);
    const silent = await signIn({ prompt: 'none' }, rp, browser);
    expect(silent.tokens.claims()?.sub).toBe(USER.sub);
    expect(browser.pages).toBe(1);
    const login = await authorizationRequest(rp, { prompt: 'login' });
    await exchange(rp, login, await browser.signIn(login.url, OTHER_USER.sub));
    expect(browser.pages).toBe(2);
  });
});

describe('tokens', () => {
  it('issues a refresh token only for offline_access with prompt=consent (OIDC Core 11), and rotates it', async () => {
    const without = await signIn({ scope: 'openid offline_access' });
    expect(without.tokens.refresh_token).toBeUndefined();
    const { tokens } = await signIn({ scope: 'openid email offline_access', prompt: 'consent' });
    expect(tokens.refresh_token).toEqual(expect.any(String));
    const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(refreshed.claims()?.sub).toBe(USER.sub);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(await failure(client.refreshTokenGrant(rp, tokens.refresh_token!))).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('revokes every token of the grant when a code is replayed, those obtained by refreshing too', async () => {
    const { login, callback, tokens } = await signIn({
      scope: 'openid email offline_access',
      prompt: 'consent',
    });
    const refreshed = await client.refreshTokenGrant(rp, tokens.refresh_token!);
    expect(await client.fetchUserInfo(rp, refreshed.access_token, USER.sub)).toMatchObject({ sub: USER.sub });

    expect(await failure(exchange(rp, login, callback))).toMatchObject({ error: 'invalid_grant' });
    for (const accessToken of [tokens.access_token, refreshed.access_token]) {
      expect(await failure(client.fetchUserInfo(rp, accessToken, USER.sub))).toMatchObject({ status: 401 });
    }
    expect(await failure(client.refreshTokenGrant(rp, refreshed.refresh_token!))).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('revokes a refresh token at the revocation endpoint (RFC 7009)', async () => {
    const { tokens } = await signIn({ scope: 'openid offline_access', prompt: 'consent' });
    await client.tokenRevocation(rp, tokens.refresh_token!);
    expect(await failure(client.refreshTokenGrant(rp, tokens.refresh_token!))).toMatchObject({
      error: 'invalid_grant',
    });
  });

  it('refuses a wrong secret and a wrong verifier', async () => {
    const wrong = await relyingParty(oidc.issuer, { clientId: CLIENT.clientId, clientSecret: 'nope' });
    const login = await authorizationRequest(wrong);
    const callback = await new Browser(oidc.issuer).signIn(login.url);
    expect(await failure(exchange(wrong, login, callback))).toMatchObject({ error: 'invalid_client' });

    const other = await authorizationRequest(rp);
    const otherCallback = await new Browser(oidc.issuer).signIn(other.url);
    const badVerifier = { ...other, verifier: client.randomPKCECodeVerifier() };
    expect(await failure(exchange(rp, badVerifier, otherCallback))).toMatchObject({ error: 'invalid_grant' });
  });

  it('authenticates the client with client_secret_basic and with client_secret_post', async () => {
    for (const auth of [
      client.ClientSecretBasic(CLIENT.clientSecret),
      client.ClientSecretPost(CLIENT.clientSecret),
    ]) {
      const config = await relyingParty(oidc.issuer, CLIENT, auth);
      const { tokens } = await signIn({}, config);
      expect(tokens.claims()?.aud).toBe(CLIENT.clientId);
    }
  });
});

describe('the handler', () => {
  it('leaves paths it does not own to the rest of the server', async () => {
    expect((await fetch(`${oidc.issuer}/v1/anything`)).status).toBe(404);
  });

  it('shows an error page for an interaction this browser did not start', async () => {
    const response = await fetch(`${oidc.issuer}/oauth2/interaction/not-a-real-one`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign-in error');
  });
});
