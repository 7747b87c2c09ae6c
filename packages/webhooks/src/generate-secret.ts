import { toBase64 } from './base64';

/** How many random bytes {@link generateSecret} draws: 256 bits, the output size of HMAC-SHA256. */
const GENERATED_SECRET_BYTES = 32;

/**
 * A new random signing key in Listo's form, `whk_` + unpadded base64url of 32 random bytes (from
 * `crypto.getRandomValues`, on any runtime). For tests and local setups (for example a sandbox subscription);
 * in production, use the key the Listo team gives you.
 */
export function generateSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(GENERATED_SECRET_BYTES));
  return `whk_${toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}
