import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOidcProvider, type OidcProvider } from '../src/oidc/index';

// The client side (@listo/oauth) tests the whole flow against this provider with a certified library;
// these tests pin the provider's own answers to malformed or hostile requests.

const CLIENT = {
  clientId: 'rp',
  clientSecret: 'rp-secret-0123456789',
  redirectUris: ['http://127.0.0.1:1/cb'],
};
const USER = { sub: 'lglsousr_abc', email: 'a@example.com', name: '<Ada & "Bob">' };
let provider: OidcProvider;
let server: Server;
let issuer: string;

beforeAll(async () => {
  provider = createOidcProvider({ issuer: () => issuer, clients: [CLIENT], users: [USER] });
  server = createServer((req, res) => {
    void provider(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const verifier = randomBytes(32).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');

function authorizeParams(overrides: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT.clientId,
    redirect_uri: CLIENT.redirectUris[0]!,
    scope: 'openid email profile',
    state: 's1',
    nonce: 'n1',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...overrides,
  });
}

async function getCode(overrides: Record<string, string> = {}): Promise<string> {
  const form = authorizeParams(overrides);
  form.set('sub', USER.sub);
  const res = await fetch(`${issuer}/oauth2/authorize`, { method: 'POST', body: form, redirect: 'manual' });
  const location = new URL(res.headers.get('location')!);
  expect(location.searchParams.get('iss')).toBe(issuer);
  return location.searchParams.get('code')!;
}

function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  return fetch(`${issuer}/oauth2/token`, { method: 'POST', body: new URLSearchParams(form), headers });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('the sandbox OIDC provider', () => {
  it('publishes discovery naming itself as issuer and every endpoint under it', async () => {
    const doc = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(doc).toMatchObject({
      issuer,
      token_endpoint: `${issuer}/oauth2/token`,
      jwks_uri: `${issuer}/oauth2/jwks`,
      code_challenge_methods_supported: ['S256'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('renders the sign-in page with every value HTML-escaped', async () => {
    const html = await (
      await fetch(`${issuer}/oauth2/authorize?${authorizeParams({ state: '"><script>x</script>' })}`)
    ).text();
    expect(html).toContain('&lt;Ada &amp; &quot;Bob&quot;&gt;');
    expect(html).not.toContain('<script>x');
  });

  it('redirects with an error for PKCE plain and for a missing openid scope', async () => {
    for (const overrides of [{ code_challenge_method: 'plain' }, { scope: 'email' }]) {
      const res = await fetch(`${issuer}/oauth2/authorize?${authorizeParams(overrides)}`, {
        redirect: 'manual',
      });
      expect(res.status).toBe(303);
      expect(new URL(res.headers.get('location')!).searchParams.get('error')).toMatch(
        /invalid_request|invalid_scope/,
      );
    }
  });

  it('issues an ID token signed with the published key, with the nonce, for client_secret_basic', async () => {
    const code = await getCode();
    const res = await token(
      {
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT.redirectUris[0]!,
        code_verifier: verifier,
      },
      { authorization: basic(CLIENT.clientId, CLIENT.clientSecret) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { id_token: string };
    const jwks = createLocalJWKSet(await (await fetch(`${issuer}/oauth2/jwks`)).json());
    const { payload } = await jwtVerify(body.id_token, jwks, { issuer, audience: CLIENT.clientId });
    expect(payload).toMatchObject({ sub: USER.sub, nonce: 'n1', email: USER.email });
  });

  it('refuses a wrong secret, a missing verifier, and two authentication methods at once', async () => {
    const base = { grant_type: 'authorization_code', redirect_uri: CLIENT.redirectUris[0]! };
    const wrongSecret = await token({
      ...base,
      code: await getCode(),
      code_verifier: verifier,
      client_id: 'rp',
      client_secret: 'nope',
    });
    expect(wrongSecret.status).toBe(401);
    expect(await wrongSecret.json()).toMatchObject({ error: 'invalid_client' });
    const noVerifier = await token({
      ...base,
      code: await getCode(),
      client_id: 'rp',
      client_secret: CLIENT.clientSecret,
    });
    expect(await noVerifier.json()).toMatchObject({ error: 'invalid_grant' });
    const both = await token(
      { ...base, code: await getCode(), code_verifier: verifier, client_secret: CLIENT.clientSecret },
      { authorization: basic(CLIENT.clientId, CLIENT.clientSecret) },
    );
    expect(await both.json()).toMatchObject({ error: 'invalid_request' });
  });

  it('answers userinfo only for a live access token', async () => {
    const res = await fetch(`${issuer}/oauth2/userinfo`, { headers: { authorization: 'Bearer made-up' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('signs with the new kid after a rotation and keeps the old key published', async () => {
    const before = await provider.currentKid();
    const after = await provider.rotateSigningKey();
    const { keys } = (await (await fetch(`${issuer}/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
    expect(keys.map((k) => k.kid)).toEqual([after, before]);
    const code = await getCode();
    const body = (await (
      await token({
        grant_type: 'authorization_code',
        code,
        redirect_uri: CLIENT.redirectUris[0]!,
        code_verifier: verifier,
        client_id: 'rp',
        client_secret: CLIENT.clientSecret,
      })
    ).json()) as { id_token: string };
    const header = JSON.parse(Buffer.from(body.id_token.split('.')[0]!, 'base64url').toString()) as {
      kid: string;
    };
    expect(header.kid).toBe(after);
  });

  it('leaves paths it does not own to the rest of the server', async () => {
    expect((await fetch(`${issuer}/v1/anything`)).status).toBe(404);
  });
});
