import { fromBase64Url, toBase64Url } from './base64url';
import { ListoAuthError } from './listo-auth-error';
import { checkSessionSecret } from './session-secret';

/** Sealed values start with this version tag; a future format gets `v2.` and `v1.` can still be read. */
const VERSION = 'v1';
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** How a value is sealed: its purpose and how long it stays valid. */
export interface SealOptions {
  /** Binds the sealed value to one purpose (normally the cookie name): it cannot be replayed in another cookie. */
  readonly purpose: string;
  /** The sealed value is refused after this many seconds, whatever the cookie's own Max-Age says. */
  readonly maxAgeSeconds: number;
}

/** Seals values into tamper-proof, encrypted cookie strings and opens them again, with rotating secrets. */
export interface Sealer {
  /** Encrypts and authenticates `value` (JSON) with the first secret, for `options.purpose` only. */
  seal(value: unknown, options: SealOptions): Promise<string>;
  /** Returns undefined for anything that is not a valid, unexpired value sealed for this purpose with one of the secrets. */
  unseal<T = unknown>(sealed: string, purpose: string): Promise<T | undefined>;
}

async function deriveKey(secret: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    {
      name: 'HKDF',
      hash: 'SHA-256',
      salt: encoder.encode('@listo/oauth sealed cookie'),
      info: encoder.encode(VERSION),
    },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

/**
 * AES-256-GCM sealing (encrypted and authenticated) with Web Crypto, keys derived with HKDF-SHA-256 from
 * secrets that pass `checkSessionSecret` (able to carry 256 bits, not visibly predictable). The first secret seals; all of them unseal, so a secret can be
 * rotated by putting the new one first.
 */
export function createSealer(secretOrSecrets: string | readonly string[]): Sealer {
  const single = typeof secretOrSecrets === 'string';
  const secrets: unknown[] = single ? [secretOrSecrets] : [...(secretOrSecrets as readonly unknown[])];
  if (secrets.length === 0) {
    throw new ListoAuthError('invalid_config', 'sessionSecret is refused: the list of secrets is empty.');
  }
  for (const [i, secret] of secrets.entries()) {
    const problem = checkSessionSecret(secret);
    if (problem !== undefined) {
      throw new ListoAuthError(
        'invalid_config',
        `sessionSecret${single ? '' : `[${i}]`} is refused: ${problem}`,
      );
    }
  }
  let keys: Promise<CryptoKey[]> | undefined;
  const getKeys = () => {
    keys ??= Promise.all((secrets as string[]).map(deriveKey));
    return keys;
  };
  const aad = (purpose: string) => encoder.encode(`${VERSION}:${purpose}`);

  return {
    async seal(value, { purpose, maxAgeSeconds }) {
      const [key] = await getKeys();
      const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const plaintext = encoder.encode(
        JSON.stringify({ e: Math.floor(Date.now() / 1000) + maxAgeSeconds, d: value }),
      );
      const ciphertext = new Uint8Array(
        await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(purpose) }, key!, plaintext),
      );
      const out = new Uint8Array(IV_BYTES + ciphertext.length);
      out.set(iv);
      out.set(ciphertext, IV_BYTES);
      return `${VERSION}.${toBase64Url(out)}`;
    },

    async unseal<T>(sealed: string, purpose: string): Promise<T | undefined> {
      const dot = sealed.indexOf('.');
      if (dot < 0 || sealed.slice(0, dot) !== VERSION) return undefined;
      const bytes = fromBase64Url(sealed.slice(dot + 1));
      // 16 bytes is the GCM tag: anything shorter cannot be a sealed value.
      if (bytes === undefined || bytes.length < IV_BYTES + 16) return undefined;
      const iv = bytes.slice(0, IV_BYTES);
      const ciphertext = bytes.slice(IV_BYTES);
      for (const key of await getKeys()) {
        let plaintext: ArrayBuffer;
        try {
          plaintext = await crypto.subtle.decrypt(
            { name: 'AES-GCM', iv, additionalData: aad(purpose) },
            key,
            ciphertext,
          );
        } catch {
          continue;
        }
        try {
          const parsed = JSON.parse(decoder.decode(plaintext)) as { e?: unknown; d?: unknown };
          if (typeof parsed.e !== 'number' || parsed.e <= Math.floor(Date.now() / 1000)) return undefined;
          return parsed.d as T;
        } catch {
          return undefined;
        }
      }
      return undefined;
    },
  };
}
