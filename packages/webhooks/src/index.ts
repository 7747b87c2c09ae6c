export { constantTimeEqual } from './constant-time-equal';
export {
  InvalidWebhookSecretError,
  WEBHOOK_ERROR_STATUS,
  WebhookVerificationError,
  type WebhookVerificationErrorCode,
  type WebhookVerificationErrorStatus,
} from './errors';
export { generateSecret } from './generate-secret';
export {
  type VerifiedWebhookHeaders,
  WEBHOOK_HEADERS,
  type WebhookHeaders,
  type WebhookSignedHeaders,
} from './headers';
export type { WebhookPayload } from './payload';
export { MIN_SECRET_BYTES, type WebhookSecret } from './secret';
export { Webhook, type WebhookOptions } from './webhook';
