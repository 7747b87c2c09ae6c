import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { handleInteraction } from './interaction';
import { MemoryStore } from './memory-adapter';
import type { OidcJwtClaims, OidcProvider, OidcProviderOptions } from './oidc-types';
import { clientMetadata, OIDC_PATHS, providerConfiguration } from './provider-configuration';
import { SigningKeyRing } from './signing-keys';

export type { OidcClient, OidcJwtClaims, OidcProvider, OidcProviderOptions, OidcUser } from './oidc-types';
export { OIDC_PATHS, OIDC_SCOPES } from './provider-configuration';

interface Built {
  readonly issuer: string;
  readonly keysVersion: number;
  readonly provider: Provider;
  readonly callback: (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

const INTERACTION_PATH = new RegExp(`^${OIDC_PATHS.interaction}/([A-Za-z0-9_-]+)$`);

function list<T>(value: readonly T[] | (() => readonly T[])): readonly T[] {
  return typeof value === 'function' ? value() : value;
}

const MAX_AUTHORIZATION_FORM_BYTES = 64 * 1024;

/**
 * OIDC Core §3.1.2.1: the authorization endpoint takes POST (form-serialized parameters) as well as GET.
 * Hands oidc-provider the same request as a GET with those parameters as its query (why not its own POST
 * support: see the cookies in `providerConfiguration`). An unusable body (too large, not a form) becomes a
 * request without parameters, which oidc-provider refuses with its own error.
 */
async function asGetAuthorization(request: IncomingMessage): Promise<void> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_AUTHORIZATION_FORM_BYTES) {
      chunks.length = 0;
      break;
    }
    chunks.push(chunk as Buffer);
  }
  const form = (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
    ? new URLSearchParams(Buffer.concat(chunks).toString('utf8'))
    : new URLSearchParams();
  request.method = 'GET';
  request.url = `${OIDC_PATHS.authorize}?${form}`;
  delete request.headers['content-type'];
  delete request.headers['content-length'];
}

function isProviderPath(path: string): boolean {
  return (
    path === OIDC_PATHS.discovery ||
    path === '/.well-known/oauth-authorization-server' ||
    path.startsWith('/oauth2/')
  );
}

/**
 * The sandbox's OpenID Connect provider, built on panva's `oidc-provider` (OpenID Certified): discovery,
 * the JWKS, the authorization endpoint (every `prompt`; a POSTed request is handed over as the same GET), codes, PKCE, the token endpoint,
 * refresh tokens, userinfo and revocation are all oidc-provider's. The sandbox adds its accounts (the dataset's
 * users), its sign-in page, its registered clients, signing-key rotation and `signJwt` for tests.
 *
 * oidc-provider reads its signing keys once, when it is built, so the provider is built on the first request
 * (the issuer is known by then) and built again when the published keys change; its storage, sessions and
 * cookie keys outlive each build.
 */
export function createOidcProvider(options: OidcProviderOptions): OidcProvider {
  const keys = new SigningKeyRing((options.retiredKeyGraceSeconds ?? 3600) * 1000);
  const cookieKeys = [randomBytes(32).toString('base64url')];
  const users = () => list(options.users);
  const findUser = (sub: string) => users().find((u) => u.sub === sub);
  const store = new MemoryStore((clientId) => {
    const client = list(options.clients).find((c) => c.clientId === clientId);
    return client === undefined ? undefined : clientMetadata(client);
  });
  const ttl = {
    accessToken: options.accessTokenTtlSeconds ?? 3600,
    idToken: options.idTokenTtlSeconds ?? 3600,
    authorizationCode: options.codeTtlSeconds ?? 60,
    refreshToken: options.refreshTokenTtlSeconds ?? 14 * 24 * 3600,
    session: options.sessionTtlSeconds ?? 14 * 24 * 3600,
    interaction: 600,
    grant: 14 * 24 * 3600,
  };
  const issuer = () =>
    (typeof options.issuer === 'function' ? options.issuer() : options.issuer).replace(/\/$/, '');

  let built: Built | undefined;
  let building: Promise<Built> | undefined;

  async function build(): Promise<Built> {
    // Loaded on first use: oidc-provider is ESM-only, and this keeps the CommonJS build requirable.
    const { default: ProviderClass, errors } = await import('oidc-provider');
    const { version, jwks } = await keys.privateJwks();
    const provider = new ProviderClass(
      issuer(),
      providerConfiguration({
        jwks,
        cookieKeys,
        adapter: (model) => store.adapter(model),
        findUser,
        ttl,
        invalidRequest: (message) => new errors.InvalidRequest(message),
      }),
    );
    const callback = provider.callback() as unknown as Built['callback'];
    return { issuer: issuer(), keysVersion: version, provider, callback };
  }

  async function current(): Promise<Built> {
    const keysVersion = await keys.version();
    if (built !== undefined && built.keysVersion === keysVersion && built.issuer === issuer()) return built;
    building ??= build().then(
      (next) => {
        built = next;
        building = undefined;
        return next;
      },
      (error: unknown) => {
        building = undefined;
        throw error;
      },
    );
    return building;
  }

  const handler = async (request: IncomingMessage, response: ServerResponse): Promise<boolean> => {
    const path = new URL(request.url ?? '/', 'http://sandbox.invalid').pathname;
    if (!isProviderPath(path)) return false;
    const { provider, callback } = await current();
    if (path === OIDC_PATHS.authorize && request.method === 'POST') await asGetAuthorization(request);
    const interaction = INTERACTION_PATH.exec(path);
    if (interaction) await handleInteraction(provider, request, response, interaction[1]!, users);
    else await callback(request, response);
    return true;
  };

  return Object.assign(handler, {
    rotateSigningKey: () => keys.rotate(),
    currentKid: () => keys.currentKid(),
    signJwt: (payload: OidcJwtClaims, header?: { kid?: string }) => keys.sign(payload, header),
  });
}
