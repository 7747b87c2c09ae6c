import { Webhook, type WebhookSignedHeaders } from '@listo/webhooks';

/**
 * The three signed headers of one attempt, from `@listo/webhooks`' `signHeaders`: `webhook-signature` holds one
 * `v1,<base64>` per secret, space-separated, which is how the gateway signs while a subscription's signing
 * key is being rotated (old and new key at once).
 */
export function signedHeaders(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): WebhookSignedHeaders {
  if (secrets.length === 0) throw new TypeError('A delivery needs at least one signing secret.');
  return new Webhook(secrets).signHeaders(webhookId, timestampSeconds, body);
}

/** The `webhook-signature` header of one attempt, signed with each of `secrets` (one `v1,<base64>` per secret, space-separated). */
export function signatureHeader(
  secrets: readonly string[],
  webhookId: string,
  timestampSeconds: number,
  body: string,
): string {
  return signedHeaders(secrets, webhookId, timestampSeconds, body)['webhook-signature'];
}
