import { ID_PREFIXES, type IdKind } from './id-prefixes';
import type { Id } from './id-types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Bytes at or above this are redrawn, so that every character of the alphabet is equally likely. */
const UNBIASED_LIMIT = 256 - (256 % ALPHABET.length);
/** Random characters after the `u`: the length of the guides' samples (`lglsocli_uZIIHfKqYBwyaRGGs`). */
const RANDOM_LENGTH = 16;

// Web Crypto is a global on every runtime this package supports (Node 20+, browsers, Deno, Bun, Workers); typed
// here because this package compiles without DOM or Node types.
const { crypto } = globalThis as unknown as {
  crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
};

/** Options of {@link generateId}. */
export interface GenerateIdOptions {
  /**
   * Where the random bytes come from: `length` bytes each call. Default: Web Crypto's `getRandomValues`. Give a
   * seeded source for reproducible test data (the same seed gives the same IDs on every machine).
   */
  randomBytes?: ((length: number) => Uint8Array) | undefined;
}

const secureRandomBytes = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));

/**
 * A fresh, random ID of `kind`, shaped like Listo's own: the prefix, `u`, then 16 characters of `[A-Za-z0-9]`
 * (about 95 bits from a cryptographically secure source by default). For test data, sandboxes and fixtures; real
 * IDs come from Listo.
 */
export function generateId<K extends IdKind>(kind: K, options: GenerateIdOptions = {}): Id<K> {
  const randomBytes = options.randomBytes ?? secureRandomBytes;
  let suffix = 'u';
  while (suffix.length <= RANDOM_LENGTH) {
    for (const byte of randomBytes(RANDOM_LENGTH * 2)) {
      if (byte < UNBIASED_LIMIT) suffix += ALPHABET[byte % ALPHABET.length];
      if (suffix.length > RANDOM_LENGTH) break;
    }
  }
  return `${ID_PREFIXES[kind]}${suffix}` as Id<K>;
}
