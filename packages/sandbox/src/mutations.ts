import { type ClientId, type InstanceIntegrationId, isId, type UserId, type WorkerId } from '@listo/ids';
import {
  type Address,
  addClient,
  addUser,
  addWorker,
  type Client,
  type Contract,
  type ContractStatus,
  type Dataset,
  type Faker,
  joinName,
  type NewClient,
  type NewUser,
  type NewWorker,
  type User,
  type Worker,
} from './dataset';
import {
  clientCreated,
  type SandboxEvent,
  userCreated,
  workerContractUpdated,
  workerOnboarded,
  workerUpdated,
} from './event-builders';
import { badRequest, notFound } from './http-error';

/** What a mutation changed and the event it emits (delivered to the installation's subscriptions). */
export interface MutationResult<T> {
  installationId: InstanceIntegrationId;
  entity: T;
  event: SandboxEvent;
}

export interface WorkerPatch {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  address?: Partial<Address>;
  organizationUnitId?: string | null;
  organizationLocationId?: string | null;
}

export interface ContractPatch {
  status?: ContractStatus;
  jobTitle?: string;
  managerId?: string | null;
  contractEndDate?: string | null;
}

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

  createClient(input: NewClient & { installationId?: string } = {}): MutationResult<Client> {
    const installationId = resolveInstallationId(this.dataset, input.installationId);
    const client = addClient(this.dataset, this.faker, installationId, input);
    return { installationId, entity: client, event: clientCreated(client) };
  }

  createUser(input: NewUser & { clientId: string }): MutationResult<User> {
    const client = this.#client(input.clientId);
    const user = addUser(this.dataset, this.faker, client, input);
    return { installationId: client.installationId, entity: user, event: userCreated(user) };
  }

  /** Adds a worker whose first contract is EXECUTED, and emits worker.onboarded. */
  onboardWorker(
    input: Omit<NewWorker, 'status' | 'workerProfileId'> & { clientId: string },
  ): MutationResult<Worker> {
    const client = this.#client(input.clientId);
    const worker = addWorker(this.dataset, this.faker, client, { ...input, status: 'EXECUTED' });
    return {
      installationId: client.installationId,
      entity: worker,
      event: workerOnboarded(this.dataset, worker),
    };
  }

  /** Changes a worker's profile fields and emits worker.updated with the new state. */
  updateWorker(workerId: string, patch: WorkerPatch): MutationResult<Worker> {
    const worker = this.#worker(workerId);
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
  changeContract(contractId: string, patch: ContractPatch): MutationResult<Contract> {
    if (!isId('contract', contractId)) throw badRequest(`Malformed contract ID: ${contractId}`);
    const worker = this.dataset.workers.find((w) => w.contracts.some((c) => c.id === contractId));
    const contract = worker?.contracts.find((c) => c.id === contractId);
    if (!worker || !contract) throw notFound(`Contract ${contractId} not found`);
    const wasOnboarded = worker.contracts.some((c) => c.status === 'EXECUTED');
    if (patch.managerId != null) {
      const manager = this.dataset.users.find(
        (u) => u.id === patch.managerId && u.clientId === worker.clientId,
      );
      if (!manager) throw badRequest(`managerId ${patch.managerId} is not a user of this client`);
      contract.managerId = manager.id as UserId;
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

  #client(id: string): Client {
    if (!isId('client', id)) throw badRequest(`Malformed client ID: ${String(id)}`);
    const client = this.dataset.clients.find((c) => c.id === (id as ClientId));
    if (!client) throw notFound(`Client ${id} not found`);
    return client;
  }

  #worker(id: string): Worker {
    if (!isId('worker', id)) throw badRequest(`Malformed worker ID: ${String(id)}`);
    const worker = this.dataset.workers.find((w) => w.id === (id as WorkerId));
    if (!worker) throw notFound(`Worker ${id} not found`);
    return worker;
  }
}
