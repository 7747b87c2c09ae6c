import { clientLink, userLink, workerLink } from '@listo/ids';
import type { Client, Contract, Dataset, Installation, JobTitle, User, Worker } from '../dataset/dataset';

/**
 * Dataset records in the shapes Listo puts on the wire. The same functions feed the REST responses and the
 * event payloads, because the guides say worker.* events mirror the REST WorkerV2 shape.
 */
export function installationResource(installation: Installation) {
  return {
    id: installation.id,
    applicationInstance: { instanceName: installation.instanceName },
    createdAt: installation.createdAt,
    updatedAt: installation.updatedAt,
  };
}

export function clientResource(client: Client) {
  return {
    clientId: client.id,
    name: client.name,
    address: { ...client.address },
    links: { self: clientLink(client.installationId, client.id) },
  };
}

export function userResource(user: User) {
  return {
    userId: user.id,
    clientId: user.clientId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    fullName: user.fullName,
    createdAt: user.createdAt,
    links: { self: userLink(user.installationId, user.clientId, user.id) },
  };
}

export function contractResource(contract: Contract) {
  return { ...contract };
}

/** The REST WorkerV2 shape. */
export function workerResource(dataset: Dataset, worker: Worker) {
  const unit = dataset.organizationUnits.find((u) => u.id === worker.organizationUnitId);
  const location = dataset.organizationLocations.find((l) => l.id === worker.organizationLocationId);
  return {
    workerId: worker.id,
    email: worker.email,
    firstName: worker.firstName,
    lastName: worker.lastName,
    fullName: worker.fullName,
    phone: worker.phone,
    dateOfBirth: worker.dateOfBirth,
    address: { ...worker.address },
    organizationUnit: unit ? { id: unit.id, name: unit.name } : null,
    organizationLocation: location ? { id: location.id, name: location.name } : null,
    contracts: worker.contracts.map(contractResource),
    links: { self: workerLink(worker.installationId, worker.clientId, worker.id) },
  };
}

/** worker.* event data: WorkerV2 plus the routing fields `clientId` and `workerProfileId`. */
export function workerEventData(dataset: Dataset, worker: Worker) {
  const { workerId, ...rest } = workerResource(dataset, worker);
  return { clientId: worker.clientId, workerId, workerProfileId: worker.workerProfileId, ...rest };
}

/** INFERRED: the guides give no shape; listo.yaml's minimal, open `{ id, name }`. */
export function jobTitleResource(jobTitle: JobTitle) {
  return { id: jobTitle.id, name: jobTitle.name };
}

/**
 * A client's organization units (a tree through `parentId`) and locations. INFERRED: the guides give no shape;
 * listo.yaml asks only for `organizationUnits[]` and `organizationLocations[]` of `{ id, name }`, open.
 */
export function organizationStructureResource(dataset: Dataset, client: Client) {
  return {
    clientId: client.id,
    organizationUnits: dataset.organizationUnits
      .filter((u) => u.clientId === client.id)
      .map(({ id, name, parentId }) => ({ id, name, parentId })),
    organizationLocations: dataset.organizationLocations
      .filter((l) => l.clientId === client.id)
      .map(({ id, name, address }) => ({ id, name, address: { ...address } })),
  };
}
