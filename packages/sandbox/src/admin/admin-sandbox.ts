import type { ContractId, WorkerId } from '@listo/ids';
import type {
  ContractPatch,
  CreateClientInput,
  CreateUserInput,
  OnboardWorkerInput,
  WorkerPatch,
} from '../dataset/mutations';
import type { TriggerOptions } from '../dataset/trigger-event';
import type { ChaosOptions, ResendOptions, SubscribeInput, Subscription } from '../gateway/webhook-gateway';

/**
 * What the admin endpoint does with a sandbox: the operations of `Sandbox` it calls. Declared here rather than
 * imported, so that `sandbox.ts` (which mounts the admin endpoint) and the admin routes do not import each other.
 */
export interface AdminSandbox {
  readonly dataset: unknown;
  readonly deliveries: readonly unknown[];
  readonly chaos: unknown;
  createClient(input: CreateClientInput): unknown;
  createUser(input: CreateUserInput): unknown;
  onboardWorker(input: OnboardWorkerInput): unknown;
  updateWorker(workerId: WorkerId, patch: WorkerPatch): unknown;
  changeContract(contractId: ContractId, patch: ContractPatch): unknown;
  trigger(type: string, options: TriggerOptions): unknown;
  resend(webhookId: string, options: ResendOptions): Promise<unknown>;
  subscribe(
    input: Omit<SubscribeInput, 'installationId'> & Partial<Pick<SubscribeInput, 'installationId'>>,
  ): Subscription;
  subscriptions(): Subscription[];
  unsubscribe(subscriptionId: string): boolean;
  rotateSecret(subscriptionId: string, newSecret: string): Subscription;
  completeRotation(subscriptionId: string): Subscription;
  setChaos(chaos: ChaosOptions): void;
}

/** The context the admin routes run in. */
export interface AdminContext {
  sandbox: AdminSandbox;
}
