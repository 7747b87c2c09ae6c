import { fromBase64 } from './base64';
import { InvalidWebhookSecretError } from './errors';

/** A signing secret: Listo's `whk_<base64url>`, Standard Webhooks' `whsec_<base64>`, or the raw key bytes. */
export type WebhookSecret = string | Uint8Array;

/** Decodes one secret to key bytes, or throws a message that describes the problem without echoing it. */
function decodeSecret(secret: unknown, label: string): Uint8Array<ArrayBuffer> {
  const fail = (why: string): never => {
    throw new InvalidWebhookSecretError(`${label} ${why}`);
  };
  if (typeof secret !== 'string' && !(secret instanceof Uint8Array))
    return fail('must be a string or Uint8Array');
  if (!secret.length) fail('is empty');
  if (typeof secret !== 'string') return secret.slice();
  // Checked first: atob would silently skip whitespace, and the hints below are more useful.
  if (/\s/.test(secret)) fail('contains whitespace (a trailing newline?)');
  if (secret.startsWith('v1,')) fail('is a signature ("v1,…"), not a key');
  const listo = secret.startsWith('whk_');
  if (!listo && !secret.startsWith('whsec_'))
    fail('needs a "whk_" or "whsec_" prefix (add "whsec_" to a bare base64 key)');
  const body = secret.slice(listo ? 4 : 6);
  let key: Uint8Array<ArrayBuffer> | undefined;
  try {
    // Each prefix has its own alphabet: base64url for whk_, base64 for whsec_.
    if (!(listo ? /[+/]/ : /[-_]/).test(body)) key = fromBase64(body);
  } catch {}
  if (!key) fail(`is not valid ${listo ? 'base64url' : 'base64'}`);
  return key!.length ? key! : fail('is empty');
}

/** Decodes one secret, or several during a rotation, to key bytes. */
export function decodeSecrets(input: WebhookSecret | readonly WebhookSecret[]): Uint8Array<ArrayBuffer>[] {
  const list = Array.isArray(input) ? input : [input];
  if (!list.length) throw new InvalidWebhookSecretError('No webhook secret given');
  return list.map((secret, i) =>
    decodeSecret(secret, `Webhook secret${list.length > 1 ? ` #${i + 1}` : ''}`),
  );
}
