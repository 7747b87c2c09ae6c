import type { RedirectStatus } from './listo-api-error';

/**
 * The same-origin rule, for every request the client sends: the API key goes to the origin of `baseUrl`
 * and nowhere else. Redirects are followed by the client itself (fetch runs with `redirect: 'manual'`), and
 * only when they stay on that origin (scheme, host and port: so never a downgrade to http), for GET, HEAD
 * and OPTIONS, and for at most {@link MAX_REDIRECTS} hops. Anything else is refused without sending the key.
 */
export const MAX_REDIRECTS = 5;

const REDIRECT_STATUSES: ReadonlySet<number> = new Set([301, 302, 303, 307, 308]);

/** Methods that do not change anything on the server: the only ones retried or redirected. */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

export type RedirectDecision =
  /** Not a redirect: the response is the answer. */
  | { follow: false; refuse?: undefined }
  | { follow: true; url: string; refuse?: undefined }
  | { follow: false; refuse: { status: RedirectStatus | undefined; reason: string } };

const NOT_A_REDIRECT: RedirectDecision = { follow: false };

export function decideRedirect(
  response: Response,
  currentUrl: string,
  origin: string,
  method: string,
  hops: number,
): RedirectDecision {
  if (response.type === 'opaqueredirect') {
    // Browsers hide where a manual redirect leads, so there is no way to check its origin.
    return { follow: false, refuse: { status: undefined, reason: 'whose target this runtime hides' } };
  }
  if (!REDIRECT_STATUSES.has(response.status)) return NOT_A_REDIRECT;
  const status = response.status as RedirectStatus;
  const location = response.headers.get('location');
  if (location === null) return NOT_A_REDIRECT;
  let target: URL;
  try {
    target = new URL(location, currentUrl);
  } catch {
    return { follow: false, refuse: { status, reason: 'to an unreadable location' } };
  }
  if (target.origin !== origin) {
    return { follow: false, refuse: { status, reason: `to another origin (${describeOrigin(target)})` } };
  }
  if (!SAFE_METHODS.has(method)) {
    return { follow: false, refuse: { status, reason: `of a ${method} request` } };
  }
  if (hops >= MAX_REDIRECTS) {
    return { follow: false, refuse: { status, reason: `after ${MAX_REDIRECTS} redirects` } };
  }
  return { follow: true, url: target.href };
}

/** Whether a response that a custom fetch produced by following redirects itself ended on another origin. */
export function leftOrigin(response: Response, origin: string): boolean {
  if (!response.redirected || response.url === '') return false;
  try {
    return new URL(response.url).origin !== origin;
  } catch {
    return true;
  }
}

function describeOrigin(url: URL): string {
  // `origin` is "null" for schemes such as data: or file:; name the scheme then.
  return url.origin === 'null' ? `a ${url.protocol} URL` : url.origin;
}
