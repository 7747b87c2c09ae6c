const PLACEHOLDER_ORIGIN = 'http://same-origin.invalid';

function decodeFully(value: string): string | undefined {
  // Decode repeatedly so that %252F%252F and friends are seen for what they become.
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/**
 * Returns `target` when it is a same-origin relative path (`/dashboard?tab=1`), otherwise `fallback`.
 * Refused: absolute URLs, scheme-relative `//host`, `/\host` (browsers treat `\` as `/`), anything with
 * control characters or whitespace, encoded forms of all of these, and paths whose dot segments collapse into
 * one of them (`/..//host`).
 */
export function safeReturnTo(target: string | null | undefined, fallback = '/'): string {
  if (typeof target !== 'string' || target.length === 0 || target.length > 2048) return fallback;
  const decoded = decodeFully(target);
  if (decoded === undefined) return fallback;
  for (const candidate of [target, decoded]) {
    if (!candidate.startsWith('/')) return fallback;
    if (candidate.startsWith('//') || candidate.includes('\\')) return fallback;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused here.
    if (/[\u0000-\u0020\u007f-\u009f]/.test(candidate)) return fallback;
  }
  let url: URL;
  try {
    url = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  const result = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments collapse during parsing: `/..//evil.example` becomes `//evil.example`, scheme-relative again.
  if (result.startsWith('//') || result.includes('\\')) return fallback;
  return result;
}
