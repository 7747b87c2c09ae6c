import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as client from 'openid-client';
import { createOidcProvider, type OidcProvider, type OidcProviderOptions } from '../src/oidc/index';

export const CLIENT = {
  clientId: 'rp',
  clientSecret: 'rp-secret-0123456789',
  redirectUris: ['http://127.0.0.1:1/cb'],
} as const;
export const USER = { sub: 'lglsousr_abc', email: 'a@example.com', name: '<Ada & "Bob">' } as const;
export const OTHER_USER = { sub: 'lglsousr_def', email: 'd@example.com', name: 'Dee' } as const;

export interface RunningOidc {
  readonly issuer: string;
  readonly provider: OidcProvider;
  close(): Promise<void>;
}

/** The sandbox's provider alone, on 127.0.0.1 (the sandbox mounts it the same way, before its API key check). */
export async function startOidc(overrides: Partial<OidcProviderOptions> = {}): Promise<RunningOidc> {
  let issuer = '';
  const provider = createOidcProvider({
    issuer: () => issuer,
    clients: [CLIENT],
    users: [USER, OTHER_USER],
    ...overrides,
  });
  const server: Server = createServer((req, res) => {
    provider(req, res).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    provider,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** openid-client (panva's certified relying party), configured for the sandbox's plain-http issuer. */
export function relyingParty(
  issuer: string,
  registered: { clientId: string; clientSecret: string } = CLIENT,
  auth?: client.ClientAuth,
): Promise<client.Configuration> {
  return client.discovery(new URL(issuer), registered.clientId, registered.clientSecret, auth, {
    execute: [client.allowInsecureRequests],
  });
}

/**
 * A browser: follows redirects by hand, keeps cookies (without SameSite rules, as a cookie jar in a script
 * does), and on the sign-in page clicks "Sign in as `sub`" (or Cancel with `sub: 'deny'`). Resolves with the
 * first URL outside the provider: the client's redirect URI with `code` or `error`.
 */
export class Browser {
  readonly cookies = new Map<string, string>();
  /** The sign-in pages this browser was shown. */
  pages = 0;

  constructor(readonly issuer: string) {}

  async request(url: string, init: { method?: string; body?: URLSearchParams } = {}): Promise<Response> {
    const response = await fetch(url, {
      method: init.method ?? 'GET',
      redirect: 'manual',
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(init.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(init.body ? { body: init.body } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq);
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, pair!.slice(eq + 1));
    }
    return response;
  }

  async signIn(
    start: URL | string,
    sub: string = USER.sub,
    init: { method?: string; body?: URLSearchParams } = {},
  ): Promise<URL> {
    let response = await this.request(typeof start === 'string' ? start : start.href, init);
    for (let hops = 0; hops < 10; hops++) {
      if (response.status === 200) {
        const html = await response.text();
        const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
        if (action === undefined) throw new Error('not a sign-in page');
        const hidden = [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)];
        // A page of hidden fields submits itself (oidc-provider's form post); otherwise it is the sign-in page.
        if (hidden.length === 0) this.pages++;
        const form = new URLSearchParams(
          hidden.length > 0
            ? hidden.map(([, name, value]) => [name!, value!])
            : sub === 'deny'
              ? { deny: '1' }
              : { sub },
        );
        response = await this.request(new URL(action.replaceAll('&amp;', '&'), this.issuer).href, {
          method: 'POST',
          body: form,
        });
        continue;
      }
      const location = response.headers.get('location');
      if (response.status !== 303 && response.status !== 302) {
        throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
      }
      const next = new URL(location!, this.issuer);
      if (next.origin !== this.issuer) return next;
      response = await this.request(next.href);
    }
    throw new Error('too many redirects');
  }
}

export interface Login {
  readonly url: URL;
  readonly verifier: string;
  readonly state: string;
  readonly nonce: string;
}

/** An authorization request as openid-client builds it (PKCE S256, state, nonce). */
export async function authorizationRequest(
  config: client.Configuration,
  params: Record<string, string> = {},
): Promise<Login> {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: CLIENT.redirectUris[0],
    scope: 'openid email profile',
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...params,
  });
  return { url, verifier, state, nonce };
}

export function exchange(
  config: client.Configuration,
  login: Login,
  callback: URL,
): Promise<client.TokenEndpointResponse & client.TokenEndpointResponseHelpers> {
  return client.authorizationCodeGrant(config, callback, {
    pkceCodeVerifier: login.verifier,
    expectedState: login.state,
    expectedNonce: login.nonce,
  });
}

export function decodeJwtPart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}
