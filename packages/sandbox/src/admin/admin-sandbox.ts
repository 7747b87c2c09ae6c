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
  /** Adds a client; emits `client.created`. */
  createClient(input: CreateClientInput): unknown;
  /** Adds a dashboard user; emits `user.created`. */
  createUser(input: CreateUserInput): unknown;
  /** Adds a worker with an EXECUTED contract; emits `worker.onboarded`. */
  onboardWorker(input: OnboardWorkerInput): unknown;
  /** Changes a worker's profile fields; emits `worker.updated`. */
  updateWorker(workerId: WorkerId, patch: WorkerPatch): unknown;
  /** Changes a contract; emits `worker.contract.updated` (or `worker.onboarded` for a first EXECUTED contract). */
  changeContract(contractId: ContractId, patch: ContractPatch): unknown;
  /** Emits one event of any type, creating the entities it reports. */
  trigger(type: string, options: TriggerOptions): unknown;
  /** Sends a published event again: same `webhook-id` and body, fresh timestamp and signature. */
  resend(webhookId: string, options: ResendOptions): Promise<unknown>;
  /** Registers a webhook URL (the first installation by default). */
  subscribe(
    input: Omit<SubscribeInput, 'installationId'> & Partial<Pick<SubscribeInput, 'installationId'>>,
  ): Subscription;
  /** Every subscription, without its secrets. */
  subscriptions(): Subscription[];
  /** Removes a subscription; `false` if there was none with this id. */
  unsubscribe(subscriptionId: string): boolean;
  /** Starts a key rotation: deliveries are signed with the old and the new key. */
  rotateSecret(subscriptionId: string, newSecret: string): Subscription;
  /** Ends a key rotation: only the newest key signs. */
  completeRotation(subscriptionId: string): Subscription;
  /** Changes the chaos switches (duplicates, reordering, delay). */
  setChaos(chaos: ChaosOptions): void;
}

/** The context the admin routes run in. */
export interface AdminContext {
  sandbox: AdminSandbox;
}
