export interface CookieAttributes {
  readonly maxAgeSeconds: number;
  readonly secure: boolean;
}

/** HttpOnly, SameSite=Lax, Path=/ always; Secure unless explicitly turned off for local http. */
export function serializeCookie(
  name: string,
  value: string,
  { maxAgeSeconds, secure }: CookieAttributes,
): string {
  const parts = [
    `${name}=${value}`,
    'Path=/',
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
    'HttpOnly',
    'SameSite=Lax',
  ];
  if (maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

export function parseCookies(header: string | null | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name === '') continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    // The first occurrence wins, as browsers send the most specific cookie first.
    if (!cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
}

/** Browsers cap a cookie at about 4096 bytes (name, value and attributes); stay well below. */
export const MAX_COOKIE_VALUE = 3800;

/**
 * Writes `value` under `name`, or across `name.0`, `name.1`... when it is too long for one cookie,
 * and clears whichever of these the browser still holds from before.
 */
export function writeChunkedCookie(
  existing: ReadonlyMap<string, string>,
  name: string,
  value: string,
  attributes: CookieAttributes,
): string[] {
  const out: string[] = [];
  const written = new Set<string>();
  if (value.length <= MAX_COOKIE_VALUE) {
    out.push(serializeCookie(name, value, attributes));
    written.add(name);
  } else {
    for (let i = 0; i * MAX_COOKIE_VALUE < value.length; i++) {
      const chunkName = `${name}.${i}`;
      out.push(
        serializeCookie(chunkName, value.slice(i * MAX_COOKIE_VALUE, (i + 1) * MAX_COOKIE_VALUE), attributes),
      );
      written.add(chunkName);
    }
  }
  for (const cookieName of existing.keys()) {
    if (isPartOf(cookieName, name) && !written.has(cookieName)) {
      out.push(serializeCookie(cookieName, '', { ...attributes, maxAgeSeconds: 0 }));
    }
  }
  return out;
}

function isPartOf(cookieName: string, name: string): boolean {
  return (
    cookieName === name ||
    (cookieName.startsWith(`${name}.`) && /^\d+$/.test(cookieName.slice(name.length + 1)))
  );
}

/** Clears `name` and every `name.N` chunk the browser sent. */
export function clearChunkedCookie(
  existing: ReadonlyMap<string, string>,
  name: string,
  attributes: CookieAttributes,
): string[] {
  const cleared = { ...attributes, maxAgeSeconds: 0 };
  const out = [serializeCookie(name, '', cleared)];
  for (const cookieName of existing.keys()) {
    if (cookieName !== name && isPartOf(cookieName, name)) out.push(serializeCookie(cookieName, '', cleared));
  }
  return out;
}

export function readChunkedCookie(cookies: ReadonlyMap<string, string>, name: string): string | undefined {
  const single = cookies.get(name);
  if (single !== undefined && single !== '') return single;
  let value = '';
  for (let i = 0; ; i++) {
    const chunk = cookies.get(`${name}.${i}`);
    if (chunk === undefined) break;
    value += chunk;
  }
  return value === '' ? undefined : value;
}
