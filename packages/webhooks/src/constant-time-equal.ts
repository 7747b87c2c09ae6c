const encoder = /* @__PURE__ */ new TextEncoder();

/**
 * Whether `given` equals `expected`, compared in constant time: every position is compared, with no early exit,
 * so the time taken depends on the length of `expected` only, never on `given`'s content or where the two
 * differ. Pass the untrusted value first and the secret (or the value computed from it) second.
 *
 * Runs on any runtime (no `node:crypto`). Two strings are compared by UTF-16 code units, two byte arrays by
 * bytes; a string against bytes is compared as its UTF-8 encoding. Unlike `node:crypto`'s `timingSafeEqual`,
 * different lengths give `false` rather than an exception. To hide a secret's length as well, compare digests
 * of both sides (for example SHA-256).
 */
export function constantTimeEqual(given: string | Uint8Array, expected: string | Uint8Array): boolean {
  if (typeof given === 'string' && typeof expected === 'string') {
    let diff = given.length ^ expected.length;
    // Past the end of `given`, charCodeAt gives NaN, which `^` reads as 0: the loop runs on.
    for (let i = 0; i < expected.length; i++) diff |= given.charCodeAt(i) ^ expected.charCodeAt(i);
    return diff === 0;
  }
  const a = typeof given === 'string' ? encoder.encode(given) : given;
  const b = typeof expected === 'string' ? encoder.encode(expected) : expected;
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}
