import type { ContractStatus, EventOf } from '@listo/events';
import {
  type ClientId,
  type ContractId,
  type InstanceIntegrationId,
  isId,
  type OrganizationLocationId,
  type OrganizationUnitId,
  type UserId,
  type WorkerId,
} from '@listo/ids';
import {
  clientCreated,
  type SandboxEvent,
  userCreated,
  workerContractUpdated,
  workerOnboarded,
  workerUpdated,
} from '../events/event-builders';
import { badRequest, notFound } from '../http/http-error';
import type { Address, Client, Contract, Dataset, User, Worker } from './dataset';
import {
  addClient,
  addUser,
  addWorker,
  joinName,
  type NewClient,
  type NewUser,
  type NewWorker,
} from './dataset-records';
import type { Faker } from './faker';

/** What a mutation changed and the event it emits (delivered to the installation's subscriptions). */
export interface MutationResult<T, E = SandboxEvent> {
  installationId: InstanceIntegrationId;
  entity: T;
  event: E;
}

/** The profile fields `updateWorker` may change. */
export interface WorkerPatch {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  address?: Partial<Address>;
  organizationUnitId?: OrganizationUnitId | null;
  organizationLocationId?: OrganizationLocationId | null;
}

/** The contract fields `changeContract` may change. */
export interface ContractPatch {
  status?: ContractStatus;
  jobTitle?: string;
  managerId?: UserId | null;
  contractEndDate?: string | null;
}

/** `createClient`'s input: the client's fields, on the dataset's first installation unless another is named. */
export type CreateClientInput = NewClient & { installationId?: InstanceIntegrationId };
/** `createUser`'s input: the user's fields and the client the user belongs to. */
export type CreateUserInput = NewUser & { clientId: ClientId };
/** `onboardWorker`'s input: the worker's fields and the client whose contract the worker signed. */
export type OnboardWorkerInput = Omit<NewWorker, 'status' | 'workerProfileId'> & { clientId: ClientId };

/** The installation an input names (400 when malformed, 404 when unknown), or the dataset's first one. */
export function resolveInstallationId(dataset: Dataset, id: string | undefined): InstanceIntegrationId {
  if (id === undefined) {
    const first = dataset.installations[0];
    if (!first) throw notFound('The dataset has no installation');
    return first.id;
  }
  if (!isId('installation', id)) throw badRequest(`Malformed installation ID: ${id}`);
  if (!dataset.installations.some((i) => i.id === id)) throw notFound(`Installation ${id} not found`);
  return id;
}

/** Dataset changes that Listo would announce with an event, one function per event. */
export class Mutations {
  constructor(
    private readonly dataset: Dataset,
    private readonly faker: Faker,
  ) {}

  createClient(input: CreateClientInput = {}): MutationResult<Client, EventOf<'client.created', 1>> {
    const installationId = resolveInstallationId(this.dataset, input.installationId);
    const client = addClient(this.dataset, this.faker, installationId, input);
    return { installationId, entity: client, event: clientCreated(client) };
  }

  createUser(input: CreateUserInput): MutationResult<User, EventOf<'user.created', 1>> {
    const client = this.client(input.clientId);
    const user = addUser(this.dataset, this.faker, client, input);
    return { installationId: client.installationId, entity: user, event: userCreated(user) };
  }

  /** Adds a worker whose first contract is EXECUTED, and emits worker.onboarded. */
  onboardWorker(input: OnboardWorkerInput): MutationResult<Worker, EventOf<'worker.onboarded', 1>> {
    const client = this.client(input.clientId);
    const worker = addWorker(this.dataset, this.faker, client, { ...input, status: 'EXECUTED' });
    return {
      installationId: client.installationId,
      entity: worker,
      event: workerOnboarded(this.dataset, worker),
    };
  }

  /** Changes a worker's profile fields and emits worker.updated with the new state. */
  updateWorker(workerId: WorkerId, patch: WorkerPatch): MutationResult<Worker, EventOf<'worker.updated', 1>> {
    const worker = this.worker(workerId);
    if (patch.organizationUnitId != null) {
      const unit = this.dataset.organizationUnits.find(
        (u) => u.id === patch.organizationUnitId && u.clientId === worker.clientId,
      );
      if (!unit)
        throw badRequest(`organizationUnitId ${patch.organizationUnitId} is not a unit of this client`);
      worker.organizationUnitId = unit.id;
    } else if (patch.organizationUnitId === null) worker.organizationUnitId = null;
    if (patch.organizationLocationId != null) {
      const location = this.dataset.organizationLocations.find(
        (l) => l.id === patch.organizationLocationId && l.clientId === worker.clientId,
      );
      if (!location) {
        throw badRequest(
          `organizationLocationId ${patch.organizationLocationId} is not a location of this client`,
        );
      }
      worker.organizationLocationId = location.id;
    } else if (patch.organizationLocationId === null) worker.organizationLocationId = null;
    if (patch.email !== undefined) worker.email = patch.email.toLowerCase();
    if (patch.firstName !== undefined) worker.firstName = patch.firstName;
    if (patch.lastName !== undefined) worker.lastName = patch.lastName;
    if (patch.firstName !== undefined || patch.lastName !== undefined) {
      worker.fullName = joinName(worker.firstName, worker.lastName);
    }
    if (patch.phone !== undefined) worker.phone = patch.phone;
    if (patch.dateOfBirth !== undefined) worker.dateOfBirth = patch.dateOfBirth;
    if (patch.address) worker.address = { ...worker.address, ...patch.address };
    return {
      installationId: worker.installationId,
      entity: worker,
      event: workerUpdated(this.dataset, worker),
    };
  }

  /**
   * Changes a contract's status, job title, manager or end date. Emits worker.contract.updated, except for the
   * first transition to EXECUTED of a worker, which emits worker.onboarded instead (the guides' mutual exclusion).
   */
  changeContract(
    contractId: ContractId,
    patch: ContractPatch,
  ): MutationResult<Contract, EventOf<'worker.contract.updated', 1> | EventOf<'worker.onboarded', 1>> {
    if (!isId('contract', contractId)) throw badRequest(`Malformed contract ID: ${String(contractId)}`);
    const worker = this.dataset.workers.find((w) => w.contracts.some((c) => c.id === contractId));
    const contract = worker?.contracts.find((c) => c.id === contractId);
    if (!worker || !contract) throw notFound(`Contract ${contractId} not found`);
    const wasOnboarded = worker.contracts.some((c) => c.status === 'EXECUTED');
    if (patch.managerId != null) {
      const manager = this.dataset.users.find(
        (u) => u.id === patch.managerId && u.clientId === worker.clientId,
      );
      if (!manager) throw badRequest(`managerId ${patch.managerId} is not a user of this client`);
      contract.managerId = manager.id;
    } else if (patch.managerId === null) contract.managerId = null;
    if (patch.status !== undefined) contract.status = patch.status;
    if (patch.jobTitle !== undefined) contract.jobTitle = patch.jobTitle;
    if (patch.contractEndDate !== undefined) contract.contractEndDate = patch.contractEndDate;
    const event =
      !wasOnboarded && contract.status === 'EXECUTED'
        ? workerOnboarded(this.dataset, worker)
        : workerContractUpdated(this.dataset, worker, contract);
    return { installationId: worker.installationId, entity: contract, event };
  }

  /** The client `id` names: 400 when it is not a client ID, 404 when the dataset has no such client. */
  client(id: ClientId): Client {
    if (!isId('client', id)) throw badRequest(`Malformed client ID: ${String(id)}`);
    const client = this.dataset.clients.find((c) => c.id === id);
    if (!client) throw notFound(`Client ${id} not found`);
    return client;
  }

  /** The worker `id` names: 400 when it is not a worker ID, 404 when the dataset has no such worker. */
  worker(id: WorkerId): Worker {
    if (!isId('worker', id)) throw badRequest(`Malformed worker ID: ${String(id)}`);
    const worker = this.dataset.workers.find((w) => w.id === id);
    if (!worker) throw notFound(`Worker ${id} not found`);
    return worker;
  }
}
