import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { DataVersionOf, EventOf, ListoEvent, ListoEventType } from '@listo/events';
import type { ContractId, InstanceIntegrationId, WorkerId } from '@listo/ids';
import { createAdminRouter } from './admin/admin-routes';
import type { AdminContext } from './admin/admin-sandbox';
import type { Client, Contract, Dataset, User, Worker } from './dataset/dataset';
import { type DatasetShape, generateDataset } from './dataset/generate-dataset';
import {
  type ContractPatch,
  type CreateClientInput,
  type CreateUserInput,
  type MutationResult,
  Mutations,
  type OnboardWorkerInput,
  resolveInstallationId,
  type WorkerPatch,
} from './dataset/mutations';
import { SeededRandom } from './dataset/seeded-random';
import { type TriggerOptions, type TriggerResult, triggerEvent } from './dataset/trigger-event';
import { fixtureEvent } from './events/fixture-event';
import type { DeliveryAttempt } from './gateway/deliver';
import {
  type DeliveryPolicy,
  type DeliveryPolicyOptions,
  resolveDeliveryPolicy,
} from './gateway/delivery-policy';
import {
  type ChaosOptions,
  type ResendOptions,
  type ResendResult,
  type SubscribeInput,
  type Subscription,
  WebhookGateway,
} from './gateway/webhook-gateway';
import { closeServer, type SandboxRequestHandler, startHttpServer } from './http/http-server';
import { createOidcProvider, type OidcClient, type OidcProvider } from './oidc/oidc-provider';
import { datasetOidcUsers, SANDBOX_OIDC_CLIENT } from './oidc/sandbox-oidc';
import { createRestRouter, type RestContext } from './rest/rest-routes';

/** Options of `startSandbox`: where it listens, its key, its dataset, the delivery policy and chaos. */
export interface SandboxOptions extends DeliveryPolicyOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the sandbox is for this machine only. */
  host?: string;
  /** The `x-api-key` every request must carry (REST and admin). A random 64-character key by default. */
  apiKey?: string;
  /** Seeds the dataset (and chaos decisions): the same seed gives the same IDs and records. Default 1. */
  seed?: number;
  /** How many installations, clients, users and workers to generate. */
  datasetShape?: Partial<DatasetShape>;
  chaos?: ChaosOptions;
  /** Extra request handlers tried before the API key check (e.g. an OIDC provider's endpoints). */
  handlers?: readonly SandboxRequestHandler[];
  /**
   * The OIDC provider ("Sign in with Listo"), served at the sandbox URL as issuer. On by default with
   * `SANDBOX_OIDC_CLIENT`; `false` turns it off.
   */
  oidc?: { clients?: readonly OidcClient[] } | false;
}

/** Options of `emit`. */
export interface EmitOptions<V extends number = number> {
  dataVersion?: V;
  /** Defaults to the dataset's first installation. */
  installationId?: InstanceIntegrationId;
}

/** The event emitted and how many deliveries it scheduled. */
export interface EmitResult<E = ListoEvent> {
  installationId: InstanceIntegrationId;
  event: E;
  scheduled: number;
}

/** A mutation's result plus how many deliveries it scheduled. */
export type SandboxMutationResult<T, E = ListoEvent> = MutationResult<T, E> & {
  scheduled: number;
};

/** What {@link Sandbox.trigger} did, plus how many deliveries it scheduled. */
export type SandboxTriggerResult = TriggerResult & { scheduled: number };

/** Options of `waitForDeliveries`. */
export interface WaitForDeliveriesOptions {
  /** Wait until this many delivery runs have finished (succeeded or used up their attempts). */
  count?: number;
  timeoutMs?: number;
}

/** A running local Listo. Create one with {@link startSandbox}. */
export class Sandbox {
  readonly url: string;
  readonly apiKey: string;
  readonly seed: number;
  /** The live dataset: mutations change it, the REST API reads it. */
  readonly dataset: Dataset;
  /** The OIDC provider (issuer = `url`), unless started with `oidc: false`. */
  readonly oidc: OidcProvider | undefined;
  readonly #gateway: WebhookGateway;
  readonly #mutations: Mutations;
  readonly #server: Server;
  #stopped: Promise<void> | undefined;

  /** @internal Use {@link startSandbox}. */
  constructor(parts: {
    url: string;
    apiKey: string;
    seed: number;
    dataset: Dataset;
    gateway: WebhookGateway;
    mutations: Mutations;
    server: Server;
    oidc?: OidcProvider;
  }) {
    this.oidc = parts.oidc;
    this.url = parts.url;
    this.apiKey = parts.apiKey;
    this.seed = parts.seed;
    this.dataset = parts.dataset;
    this.#gateway = parts.gateway;
    this.#mutations = parts.mutations;
    this.#server = parts.server;
  }

  /** The delivery policy in force. */
  get policy(): DeliveryPolicy {
    return this.#gateway.policy;
  }

  /** The chaos switches in force. */
  get chaos(): Readonly<Required<ChaosOptions>> {
    return this.#gateway.chaos;
  }

  /** Every delivery attempt so far, oldest first. */
  get deliveries(): DeliveryAttempt[] {
    return this.#gateway.deliveries();
  }

  /** Changes the chaos switches at run time; throws a `RangeError` for values out of range. */
  setChaos(chaos: ChaosOptions): void {
    this.#gateway.setChaos(chaos);
  }

  /** Registers a webhook URL for one installation's events, signed with `secret` (or several `secrets`). */
  subscribe(
    input: Omit<SubscribeInput, 'installationId'> & { installationId?: InstanceIntegrationId },
  ): Subscription {
    return this.#gateway.subscribe({ ...input, installationId: this.#installationId(input.installationId) });
  }

  /** Removes a subscription; `false` if there was none with this id. */
  unsubscribe(subscriptionId: string): boolean {
    return this.#gateway.unsubscribe(subscriptionId);
  }

  /** Every subscription, without its secrets. */
  subscriptions(): Subscription[] {
    return this.#gateway.subscriptions();
  }

  /** Starts a signing-key rotation: deliveries carry a signature for the old key(s) and one for `newSecret`. */
  rotateSecret(subscriptionId: string, newSecret: string): Subscription {
    return this.#gateway.rotateSecret(subscriptionId, newSecret);
  }

  /** Ends a rotation: only the newest key signs. */
  completeRotation(subscriptionId: string): Subscription {
    return this.#gateway.completeRotation(subscriptionId);
  }

  /** Adds a client (on the first installation unless `installationId` says otherwise); emits `client.created`. */
  createClient(input: CreateClientInput = {}): SandboxMutationResult<Client, EventOf<'client.created', 1>> {
    return this.#publish(this.#mutations.createClient(input));
  }

  /** Adds a dashboard user to a client; emits `user.created`. */
  createUser(input: CreateUserInput): SandboxMutationResult<User, EventOf<'user.created', 1>> {
    return this.#publish(this.#mutations.createUser(input));
  }

  /** Adds a worker whose first contract is EXECUTED; emits `worker.onboarded`. */
  onboardWorker(input: OnboardWorkerInput): SandboxMutationResult<Worker, EventOf<'worker.onboarded', 1>> {
    return this.#publish(this.#mutations.onboardWorker(input));
  }

  /** Changes a worker's profile fields; emits `worker.updated` with the new state. */
  updateWorker(
    workerId: WorkerId,
    patch: WorkerPatch,
  ): SandboxMutationResult<Worker, EventOf<'worker.updated', 1>> {
    return this.#publish(this.#mutations.updateWorker(workerId, patch));
  }

  /**
   * Changes a contract; emits `worker.contract.updated`, or `worker.onboarded` for a worker's first EXECUTED
   * contract (the guides' mutual exclusion).
   */
  changeContract(
    contractId: ContractId,
    patch: ContractPatch,
  ): SandboxMutationResult<Contract, EventOf<'worker.contract.updated', 1> | EventOf<'worker.onboarded', 1>> {
    return this.#publish(this.#mutations.changeContract(contractId, patch));
  }

  /**
   * Emits an event of any type, like `stripe trigger`, creating the entities it reports so that its
   * `links.self` resolves on the REST API: `client.created` adds a client, `user.created` a user, the
   * `worker.*` events a worker. A (type, dataVersion) `@listo/events` does not know (`known: false`) is a
   * minimal envelope about an existing entity, to test a receiver's tolerance.
   */
  trigger(type: string, options: TriggerOptions = {}): SandboxTriggerResult {
    const result = triggerEvent(this.dataset, this.#mutations, type, options);
    return { ...result, scheduled: this.#gateway.publish(result.installationId, result.event) };
  }

  /**
   * Sends a published event again, like `stripe events resend`: the same `webhook-id` and body, a fresh
   * timestamp and signature, to every subscription it first went to (or `subscriptionId`), with the full retry
   * policy and no chaos. Resolves once every attempt has finished; rejects with a 404 `SandboxHttpError` for
   * an event that was never published.
   */
  resend(webhookId: string, options: ResendOptions = {}): Promise<ResendResult> {
    return this.#gateway.resend(webhookId, options);
  }

  /**
   * Emits a fresh event of `type` built from the guides' samples (`@listo/events/fixtures`), with
   * `links.self` pointing at the installation. The dataset does not change, so the link does not resolve:
   * use {@link trigger} for that.
   */
  emit<T extends ListoEventType, V extends DataVersionOf<T> = DataVersionOf<T>>(
    type: T,
    options?: EmitOptions<V>,
  ): EmitResult<EventOf<T, V>>;
  emit(type: string, options?: EmitOptions): EmitResult;
  emit(type: string, options: EmitOptions = {}): EmitResult {
    const installationId = this.#installationId(options.installationId);
    const event = fixtureEvent(type, options.dataVersion ?? 1, installationId);
    return { installationId, event, scheduled: this.#gateway.publish(installationId, event) };
  }

  /**
   * Delivers any event as is, e.g. one of a type this version of the contracts does not know yet, to test a
   * receiver's tolerance. Returns how many deliveries were scheduled.
   */
  publish(
    event: { id: string; type: string } & Record<string, unknown>,
    installationId?: InstanceIntegrationId,
  ): number {
    return this.#gateway.publish(this.#installationId(installationId), event);
  }

  /**
   * Resolves with the delivery log once every scheduled delivery has finished (or, with `count`, once that
   * many have), each having succeeded or used up its attempts.
   */
  async waitForDeliveries(options: WaitForDeliveriesOptions = {}): Promise<DeliveryAttempt[]> {
    const { count, timeoutMs = 30_000 } = options;
    if (count === undefined) {
      await this.#gateway.idle(timeoutMs);
      return this.deliveries;
    }
    return this.#gateway.waitFor((log) => log.filter((a) => a.final).length >= count, timeoutMs);
  }

  /** Stops serving, aborts in-flight deliveries and drops held-back ones. Safe to call twice. */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      await this.#gateway.close();
      await closeServer(this.#server);
    })();
    return this.#stopped;
  }

  #publish<T, E extends { id: string; type: string }>(
    result: MutationResult<T, E>,
  ): SandboxMutationResult<T, E> {
    return { ...result, scheduled: this.#gateway.publish(result.installationId, result.event) };
  }

  #installationId(id: string | undefined): InstanceIntegrationId {
    return resolveInstallationId(this.dataset, id);
  }
}

/**
 * Starts a local Listo on 127.0.0.1: the REST API over a seeded dataset, `/__admin/*`, and the webhook
 * gateway. Stop it with `sandbox.stop()`.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const seed = options.seed ?? 1;
  const apiKey = options.apiKey ?? randomBytes(32).toString('hex');
  if (apiKey === '') throw new TypeError('apiKey must not be empty.');
  const { dataset, faker } = generateDataset(seed, options.datasetShape);
  const gateway = new WebhookGateway({
    policy: resolveDeliveryPolicy(options),
    random: new SeededRandom(seed ^ 0x5eed),
    ...(options.chaos ? { chaos: options.chaos } : {}),
  });
  const mutations = new Mutations(dataset, faker);
  let sandbox: Sandbox | undefined;
  let issuer = '';
  const oidc =
    options.oidc === false
      ? undefined
      : createOidcProvider({
          issuer: () => issuer,
          clients: options.oidc?.clients ?? [SANDBOX_OIDC_CLIENT],
          users: () => datasetOidcUsers(dataset),
        });
  const { server, url } = await startHttpServer<RestContext, AdminContext>({
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    apiKey,
    handlers: [...(options.handlers ?? []), ...(oidc ? [oidc] : [])],
    rest: createRestRouter(),
    restContext: () => ({ dataset }),
    admin: createAdminRouter(),
    adminContext: (): AdminContext => ({ sandbox: sandbox as Sandbox }),
  });
  issuer = url;
  sandbox = new Sandbox({
    url,
    apiKey,
    seed,
    dataset,
    gateway,
    mutations,
    server,
    ...(oidc ? { oidc } : {}),
  });
  return sandbox;
}
