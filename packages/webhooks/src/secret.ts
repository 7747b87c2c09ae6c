import { fromBase64 } from './base64';
import { asBytes } from './bytes';
import { InvalidWebhookSecretError } from './errors';

/** A signing secret: Listo's `whk_<base64url>`, Standard Webhooks' `whsec_<base64>`, or the raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/**
 * The shortest key accepted, in bytes: 24 (192 bits), the Standard Webhooks specification's minimum for
 * HMAC-SHA256 secrets ("Random. At least 24 bytes"), and the size Svix generates.
 */
export const MIN_SECRET_BYTES = 24;

const ENV_HINT = ' — is LISTO_WEBHOOK_SECRET (or your secret’s variable) set?';
const GENERATE_HINT =
  'Make one with generateSecret() from @listo/webhooks, or in a shell: echo "whsec_$(openssl rand -base64 32)"';

/** Decodes one secret to a copy of its key bytes, or throws a message that never contains the secret. */
function decodeSecret(secret: unknown, label: string): Uint8Array<ArrayBuffer> {
  const fail = (why: string): never => {
    throw new InvalidWebhookSecretError(`${label} ${why}`);
  };
  let key: Uint8Array<ArrayBuffer> | undefined;
  if (typeof secret !== 'string') {
    // Copied: a caller's Buffer (or a view into one) may be reused or zeroed later.
    key = asBytes(secret)?.slice();
    if (!key)
      fail(
        `must be a string or Uint8Array, but got ${secret === null ? 'null' : typeof secret}${secret == null ? ENV_HINT : ''}`,
      );
  } else {
    if (!secret) fail(`is empty${ENV_HINT}`);
    // Checked first: atob would silently skip whitespace, and the hints below are more useful.
    if (/\s/.test(secret)) fail('contains whitespace (a trailing newline?)');
    if (secret.startsWith('v1,')) fail('is a signature ("v1,…"), not a key');
    const listo = secret.startsWith('whk_');
    if (!listo && !secret.startsWith('whsec_'))
      fail('needs a "whk_" or "whsec_" prefix (add "whsec_" to a bare base64 key)');
    const body = secret.slice(listo ? 4 : 6);
    try {
      // Each prefix has its own alphabet: base64url for whk_, base64 for whsec_.
      if (!(listo ? /[+/]/ : /[-_]/).test(body)) key = fromBase64(body);
    } catch {}
    if (!key) fail(`is not valid ${listo ? 'base64url' : 'base64'}`);
  }
  const length = key!.length;
  if (!length) fail('is empty');
  if (length < MIN_SECRET_BYTES)
    fail(
      `is too short: ${length} byte${length > 1 ? 's' : ''}, where a key needs at least ${MIN_SECRET_BYTES} random ` +
        `bytes. ${GENERATE_HINT}`,
    );
  return key!;
}

/** Decodes one secret, or several during a rotation, to key bytes. */
export function decodeSecrets(input: WebhookSecret | readonly WebhookSecret[]): Uint8Array<ArrayBuffer>[] {
  const list = Array.isArray(input) ? input : [input];
  if (!list.length) throw new InvalidWebhookSecretError('No webhook secret given');
  return list.map((secret, i) =>
    decodeSecret(secret, `Webhook secret${list.length > 1 ? ` #${i + 1}` : ''}`),
  );
}
