import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import Provider, { type Configuration } from 'oidc-provider';

// A bare oidc-provider (panva's, OpenID Certified) on loopback, with its default settings: devInteractions
// for the sign-in, the default claims behaviour (scope claims only from userinfo when an access token for
// it is issued), the default routes. The tests only add what a provider must be told: a client, accounts
// that have e-mail and profile claims, signing keys (so that they can forge tokens with the very same key),
// and refresh tokens being allowed for the client.

export type IdTokenAlg = 'RS256' | 'PS256' | 'ES256' | 'EdDSA';

export const CLIENT = {
  clientId: 'partner-app',
  // A secret that client_secret_basic must form-encode (RFC 6749 §2.3.1) before base64.
  clientSecret: 'partner app:secret/+&=%~-0123456789',
  redirectUris: ['http://127.0.0.1:5173/auth/callback', 'http://127.0.0.1:5173/other/callback'],
} as const;

export const USERS = [
  {
    sub: 'lglsousr_maya',
    email: 'maya.kim@example.com',
    name: 'Maya Kim',
    givenName: 'Maya',
    familyName: 'Kim',
  },
  { sub: 'lglsousr_noah', email: 'noah.patel@example.com', name: 'Noah Patel' },
] as const;

export interface StartOptions {
  /** The ID token's algorithm (the client's `id_token_signed_response_alg`). Default RS256. */
  readonly alg?: IdTokenAlg;
  /** Mount the provider under a path: the issuer is then `http://127.0.0.1:<port><path>`. */
  readonly path?: string;
  readonly clientAuthMethod?: 'client_secret_basic' | 'client_secret_post';
}

export interface RunningProvider {
  readonly issuer: string;
  /** Requests the provider received, by path (without the mount path). */
  readonly hits: Map<string, number>;
  readonly provider: {
    currentKid(): Promise<string>;
    /** Starts signing with a new key; the old one stays in the JWKS. Returns the new kid. */
    rotateSigningKey(): Promise<string>;
    /** Signs claims with the provider's current private key (to forge tokens a provider never issues). */
    signJwt(payload: Record<string, unknown>, header?: { kid?: string }): Promise<string>;
  };
  close(): Promise<void>;
}

interface SigningKey {
  readonly jwk: JWK;
  readonly kid: string;
}

async function newKey(alg: IdTokenAlg): Promise<SigningKey> {
  const { privateKey } = await generateKeyPair(alg, {
    extractable: true,
    ...(alg === 'EdDSA' ? { crv: 'Ed25519' } : {}),
  });
  const jwk = await exportJWK(privateKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { jwk: { ...jwk, kid, use: 'sig' }, kid };
}

function claimsOf(sub: string): Record<string, unknown> | undefined {
  const user = USERS.find((u) => u.sub === sub);
  if (user === undefined) return undefined;
  return {
    sub,
    email: user.email,
    email_verified: true,
    name: user.name,
    ...('givenName' in user ? { given_name: user.givenName, family_name: user.familyName } : {}),
  };
}

export async function startProvider(options: StartOptions = {}): Promise<RunningProvider> {
  const alg = options.alg ?? 'RS256';
  const path = options.path ?? '';
  const keys: SigningKey[] = [await newKey(alg)];
  const cookieKeys = ['test-cookie-key-0123456789abcdefghijklmnop'];
  const hits = new Map<string, number>();
  let issuer = '';
  let callback: (req: IncomingMessage, res: ServerResponse) => Promise<void>;

  const configuration = (): Configuration => ({
    clients: [
      {
        client_id: CLIENT.clientId,
        client_secret: CLIENT.clientSecret,
        redirect_uris: [...CLIENT.redirectUris],
        grant_types: ['authorization_code', 'refresh_token'],
        id_token_signed_response_alg: alg,
        token_endpoint_auth_method: options.clientAuthMethod ?? 'client_secret_basic',
      },
    ],
    jwks: { keys: keys.map((k) => k.jwk) as never },
    cookies: { keys: cookieKeys },
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name', 'given_name', 'family_name'],
    },
    async findAccount(_ctx, sub) {
      const claims = claimsOf(sub);
      return claims === undefined ? undefined : { accountId: sub, claims: () => claims as never };
    },
  });
  // oidc-provider reads its keys once; a rotation builds it again (its default storage is shared in-process).
  const build = () => {
    callback = new Provider(issuer, configuration()).callback() as never;
  };

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!url.startsWith(`${path}/`)) {
      res.writeHead(404).end();
      return;
    }
    req.url = url.slice(path.length);
    if (path !== '') (req as IncomingMessage & { originalUrl?: string }).originalUrl = url;
    const pathname = new URL(req.url, 'http://x').pathname;
    hits.set(pathname, (hits.get(pathname) ?? 0) + 1);
    callback(req, res).catch(() => res.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  build();

  return {
    issuer,
    hits,
    provider: {
      currentKid: async () => keys[0]!.kid,
      async rotateSigningKey() {
        keys.unshift(await newKey(alg));
        build();
        return keys[0]!.kid;
      },
      async signJwt(payload, header = {}) {
        const key = await importJWK(keys[0]!.jwk, alg);
        return new SignJWT(payload)
          .setProtectedHeader({ alg, typ: 'JWT', kid: header.kid ?? keys[0]!.kid })
          .sign(key);
      },
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A script's cookie jar: name=value per cookie, no Path or SameSite rules. */
class Jar {
  readonly cookies = new Map<string, string>();
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(pair!.slice(0, eq));
      else this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
}

/**
 * Plays the browser through oidc-provider's development sign-in and consent pages (or the sandbox's sign-in
 * page), as `sub` (or presses Cancel). Returns where the provider finally redirects the browser: the callback URL.
 */
export async function signInAt(authorizationUrl: URL, sub: string | 'cancel' = USERS[0].sub): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  const go = async (to: URL, body?: URLSearchParams) => {
    url = to;
    const response = await fetch(to, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    jar.store(response);
    return response;
  };
  let response = await go(url);
  for (let hops = 0; hops < 12; hops++) {
    if (response.status === 200) {
      const html = await response.text();
      const sandboxPage = html.includes('name="sub"');
      if (sub === 'cancel' && !sandboxPage) {
        const abort = /<a href="([^"]+\/abort)"/.exec(html)![1]!;
        response = await go(new URL(abort, url));
        continue;
      }
      const action = /<form[^>]* action="([^"]+)"/.exec(html)![1]!;
      const form = new URLSearchParams(
        [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(([, k, v]) => [
          k!,
          v!,
        ]),
      );
      if (sandboxPage) {
        // @listo/sandbox's own sign-in page: one button per user, and Cancel.
        if (sub === 'cancel') form.set('deny', '1');
        else if (html.includes(`value="${sub}"`)) form.set('sub', sub);
        else throw new Error('user not offered on the sign-in page');
      } else if (html.includes('name="login"')) {
        form.set('login', sub);
        form.set('password', 'any password: devInteractions accept any');
      }
      response = await go(new URL(action.replaceAll('&amp;', '&'), url), form);
      continue;
    }
    const location = response.headers.get('location');
    if (location === null)
      throw new Error(`the provider answered ${response.status}: ${await response.text()}`);
    const next = new URL(location, url);
    if (next.origin !== authorizationUrl.origin) return next;
    response = await go(next);
  }
  throw new Error('too many redirects');
}

export function decodeJwtPart(part: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

export function encodeJwtPart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * A fetch that lets a test replace the ID token in the token endpoint's answer, to present the client with
 * tokens a correct provider would never issue.
 */
export function fetchWithForgedIdToken(
  forge: (original: string) => Promise<string> | string,
): (input: string, init: RequestInit) => Promise<Response> {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!new URL(input).pathname.endsWith('/token') || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    body.id_token = await forge(body.id_token as string);
    return Response.json(body, { status: 200, headers: { 'cache-control': 'no-store' } });
  };
}
