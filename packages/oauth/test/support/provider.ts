import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOidcProvider, type OidcProvider, type OidcProviderOptions } from '@listo/sandbox/oidc';

export const CLIENT = {
  clientId: 'partner-app',
  clientSecret: 'partner-app-secret-0123456789abcdef',
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

export interface RunningProvider {
  readonly issuer: string;
  readonly provider: OidcProvider;
  /** Requests the provider received, by path, so tests can tell when the JWKS was fetched again. */
  readonly hits: Map<string, number>;
  close(): Promise<void>;
}

/** The sandbox's real OIDC provider on 127.0.0.1, on a port of its own. */
export async function startProvider(
  overrides: Partial<Omit<OidcProviderOptions, 'issuer'>> = {},
): Promise<RunningProvider> {
  let issuer = '';
  const hits = new Map<string, number>();
  const provider = createOidcProvider({
    issuer: () => issuer,
    clients: [CLIENT],
    users: USERS,
    ...overrides,
  });
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
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
    hits,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Plays the browser on the provider's sign-in page: loads it, then submits the form as `sub` would by
 * clicking "Sign in as ...". Returns where the provider redirects the browser (the callback URL).
 */
export async function signInAt(authorizationUrl: URL, sub: string = USERS[0].sub): Promise<URL> {
  const page = await fetch(authorizationUrl, { redirect: 'manual' });
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const html = await page.text();
  if (!html.includes(`value="${sub}"`)) throw new Error('user not offered on the sign-in page');
  const form = new URLSearchParams(authorizationUrl.searchParams);
  form.set('sub', sub);
  const response = await fetch(new URL(authorizationUrl.pathname, authorizationUrl), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 303 || location === null)
    throw new Error(`authorize POST answered ${response.status}`);
  return new URL(location);
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
    if (!new URL(input).pathname.endsWith('/oauth2/token') || response.status !== 200) return response;
    const body = (await response.json()) as Record<string, unknown>;
    body.id_token = await forge(body.id_token as string);
    return Response.json(body, { status: 200, headers: { 'cache-control': 'no-store' } });
  };
}
