export {
  InvalidWebhookSecretError,
  WEBHOOK_ERROR_STATUS,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
} from './errors';
export type { WebhookHeaders } from './headers';
export type { WebhookPayload } from './payload';
export type { WebhookSecret } from './secret';
export { Webhook, type WebhookOptions } from './webhook';
