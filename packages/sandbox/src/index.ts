export type { AdminContext } from './admin-api';
export {
  type Address,
  type Client,
  type Contract,
  type ContractStatus,
  type Dataset,
  type DatasetShape,
  generateDataset,
  type Installation,
  type JobTitle,
  type NewClient,
  type NewUser,
  type NewWorker,
  type OrganizationLocation,
  type OrganizationUnit,
  type User,
  type Worker,
} from './dataset';
export { type DeliveryAttempt, type DeliveryOutcome, deliver, GATEWAY_USER_AGENT } from './deliver';
export { newEventId, type SandboxEvent } from './event-builders';
export { fixtureEvent } from './fixture-event';
export { type ChaosOptions, type SubscribeInput, type Subscription, WebhookGateway } from './gateway';
export { SandboxHttpError } from './http-error';
export type { SandboxRequestHandler } from './http-server';
export type { ContractPatch, MutationResult, WorkerPatch } from './mutations';
export {
  type DeliveryPolicy,
  type DeliveryPolicyOptions,
  LISTO_DELIVERY_POLICY,
  resolveDeliveryPolicy,
} from './policy';
export {
  type EmitOptions,
  type EmitResult,
  Sandbox,
  type SandboxMutationResult,
  type SandboxOptions,
  startSandbox,
  type WaitForDeliveriesOptions,
} from './sandbox';
export { signatureHeader } from './signing';
