import { toBase64Url } from './base64url';

/**
 * The session secret is the input keying material of HKDF-SHA-256, which derives the AES-256-GCM key that
 * seals the cookies. HKDF cannot add entropy: the key is only as strong as the secret. So the secret must be
 * able to hold a full-strength key (256 bits, i.e. 32 random bytes once decoded) and must not be visibly
 * predictable.
 */
const MIN_BITS = 256;
/** An estimate (empirical entropy of its characters) below this means repetition a random secret never shows. */
const MIN_ESTIMATED_BITS = 128;

const HOW_TO =
  'Generate one with `openssl rand -base64 32`, or generateSessionSecret() from @listo/oauth, and keep it in a secret manager.';

/** Bits each character can carry, by the smallest usual alphabet the secret is written in. */
function bitsPerCharacter(secret: string): number {
  if (/^[0-9a-fA-F]+$/.test(secret)) return 4; // hex: `openssl rand -hex 32`
  if (/^[A-Za-z0-9+/_-]+$/.test(secret)) return 6; // base64 / base64url: `openssl rand -base64 32`
  if (/^[\x20-\x7e]+$/.test(secret)) return Math.log2(95); // printable ASCII
  return 8; // anything else: counted as UTF-8 bytes below
}

function capacityBits(secret: string): number {
  const unpadded = secret.replace(/=+$/, '');
  const bits = bitsPerCharacter(unpadded);
  return bits === 8 ? new TextEncoder().encode(unpadded).length * 8 : unpadded.length * bits;
}

/** Length × Shannon entropy of the character distribution: an upper bound, used only to catch repetition. */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const c of secret) counts.set(c, (counts.get(c) ?? 0) + 1);
  let perChar = 0;
  for (const n of counts.values()) {
    const p = n / secret.length;
    perChar -= p * Math.log2(p);
  }
  return perChar * secret.length;
}

function isRepeatedPattern(secret: string): boolean {
  for (let period = 1; period <= secret.length / 2; period++) {
    if (secret.length % period === 0 && secret.slice(0, period).repeat(secret.length / period) === secret) {
      return true;
    }
  }
  return false;
}

/**
 * Why `secret` is refused as a session secret, or undefined when it is acceptable. The answer never contains
 * the secret. Rules: it must be able to carry 256 bits (64 hex characters, 43 base64 characters, 39 printable
 * ASCII characters, or 32 bytes of anything else), and must not be a repeated pattern or so repetitive that
 * its characters' entropy is under 128 bits. These catch weak secrets, they cannot prove a strong one:
 * generate it randomly.
 */
export function checkSessionSecret(secret: unknown): string | undefined {
  if (typeof secret !== 'string' || secret.length === 0) return `it must be a non-empty string. ${HOW_TO}`;
  const capacity = Math.floor(capacityBits(secret));
  if (capacity < MIN_BITS) {
    return `it can hold at most ${capacity} bits (${secret.length} characters); at least ${MIN_BITS} bits (32 random bytes) are needed for the AES-256 key it derives. ${HOW_TO}`;
  }
  if (isRepeatedPattern(secret) || estimatedBits(secret) < MIN_ESTIMATED_BITS) {
    return `it is too predictable (repeated characters or a repeated pattern), far from ${MIN_BITS} random bits. ${HOW_TO}`;
  }
  return undefined;
}

/** A new session secret: 32 random bytes, base64url (43 characters). */
export function generateSessionSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
