export type { AdminContext, AdminSandbox } from './admin/admin-sandbox';
export type {
  Address,
  Client,
  Contract,
  ContractStatus,
  Dataset,
  Installation,
  JobTitle,
  OrganizationLocation,
  OrganizationUnit,
  User,
  Worker,
} from './dataset/dataset';
export type { NewClient, NewUser, NewWorker } from './dataset/dataset-records';
export { type DatasetShape, generateDataset } from './dataset/generate-dataset';
export type {
  ContractPatch,
  CreateClientInput,
  CreateUserInput,
  MutationResult,
  OnboardWorkerInput,
  WorkerPatch,
} from './dataset/mutations';
export type { TriggerOptions, TriggerResult } from './dataset/trigger-event';
export { newEventId, type SandboxEvent } from './events/event-builders';
export { fixtureEvent } from './events/fixture-event';
export {
  type DeliveryAttempt,
  type DeliveryOutcome,
  type DeliveryRequest,
  deliver,
  GATEWAY_USER_AGENT,
  RESPONSE_BODY_LIMIT,
} from './gateway/deliver';
export {
  type DeliveryPolicy,
  type DeliveryPolicyOptions,
  LISTO_DELIVERY_POLICY,
  resolveDeliveryPolicy,
} from './gateway/delivery-policy';
export { signatureHeader } from './gateway/signature-header';
export {
  type ChaosOptions,
  type DeliveryRun,
  type ResendOptions,
  type ResendResult,
  type SubscribeInput,
  type Subscription,
  WebhookGateway,
} from './gateway/webhook-gateway';
export { SandboxHttpError } from './http/http-error';
export type { SandboxRequestHandler } from './http/http-server';
export {
  type EmitOptions,
  type EmitResult,
  Sandbox,
  type SandboxMutationResult,
  type SandboxOptions,
  type SandboxTriggerResult,
  startSandbox,
  type WaitForDeliveriesOptions,
} from './sandbox';
