/**
 * Which hosts and origins the operator routes answer to. The webhook endpoint and the health checks are not
 * concerned: Listo's signature is the webhook's credential, and load balancers probe by address.
 */
export interface OriginPolicy {
  /** Origins operators use (`https://ops.example.com`), from RECEIVER_ORIGINS and the dashboard's redirect URI. */
  readonly origins: ReadonlySet<string>;
  /** Their `host[:port]`, as a Host header names them. */
  readonly hosts: ReadonlySet<string>;
}

export function originPolicy(origins: readonly string[]): OriginPolicy {
  const normalised = origins.map((o) => new URL(o).origin);
  return { origins: new Set(normalised), hosts: new Set(normalised.map((o) => new URL(o).host)) };
}

/** 127.0.0.0/8, ::1 and localhost: names that only ever lead to this machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * Whether a request's Host header names this receiver: a configured origin's host, or a loopback name (which a
 * DNS-rebinding page cannot send: its requests carry the attacker's host name).
 */
export function isAllowedHost(host: string | undefined, policy: OriginPolicy): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  // Anything beyond host[:port] (a path, user info) is no Host header.
  if (url.host !== host.toLowerCase() && `${url.host}:80` !== host.toLowerCase()) return false;
  return isLoopbackHostname(url.hostname) || policy.hosts.has(url.host);
}

/**
 * Whether a state-changing request comes from another site, as Go's `http.CrossOriginProtection` decides it:
 * `Sec-Fetch-Site` when the browser sends it (every current one does), else `Origin` against this receiver's
 * origins and the request's own Host. A request with neither is not from a browser (curl, a script with a
 * token), and cannot ride on a signed-in operator's cookie. SameSite cookies alone would still let a sibling
 * subdomain (same site, other origin) post here.
 */
export function isCrossSite(headers: Headers, policy: OriginPolicy): boolean {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site !== 'same-origin' && site !== 'none';
  const origin = headers.get('origin');
  if (origin === null) return false;
  if (policy.origins.has(origin)) return false;
  try {
    return new URL(origin).host !== headers.get('host');
  } catch {
    return true; // "null" (a sandboxed frame, a file:) or garbage
  }
}
