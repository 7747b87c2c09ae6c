import { Webhook } from '@listo/webhooks';

/**
 * The `webhook-signature` header for one attempt: one `v1,<base64>` per secret, space-separated, which is
 * how the gateway signs while a subscription's signing key is being rotated (old and new key at once).
 */
export function signatureHeader(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): string {
  if (secrets.length === 0) throw new TypeError('A delivery needs at least one signing secret.');
  return secrets.map((secret) => new Webhook(secret).sign(webhookId, timestampSeconds, body)).join(' ');
}
