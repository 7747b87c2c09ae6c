export type { WebhookAnswer, WebhookAnswerStatus } from './answer';
export {
  createWebhookHandler,
  type WebhookHandler,
  type WebhookHandlerOptions,
  type WebhookSecrets,
} from './create-webhook-handler';
export type {
  DeliveryClaim,
  DeliveryClaimOptions,
  DeliveryClaimResult,
  DeliveryCompletion,
  DeliveryStore,
} from './delivery-store';
export type {
  DeliveryHandler,
  InvalidDeliveryHandler,
  WebhookEventHandlers,
  WebhookHandlers,
  WebhookSubsetHandlers,
} from './event-handlers';
export type {
  AcceptedDeliveryReport,
  AcceptedOutcome,
  DeliveryReport,
  FailedDeliveryReport,
  FailureReason,
  RejectedDeliveryReport,
  RejectionReason,
  WebhookHandlerHooks,
} from './hooks';
export { createMemoryDeliveryStore, type MemoryDeliveryStoreOptions } from './memory-delivery-store';
export type { WebhookRequestParts } from './receive-delivery';
export type { WebhookDelivery } from './webhook-delivery';
