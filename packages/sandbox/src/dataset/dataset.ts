import type { AddressV1, ContractStatus, WorkerContractV1 } from '@listo/events';
import type {
  ClientId,
  InstanceIntegrationId,
  OrganizationLocationId,
  OrganizationUnitId,
  UserId,
  WorkerId,
  WorkerProfileId,
} from '@listo/ids';

/** A postal address as Listo sends it: every line may be null (`@listo/events`' v1 address). */
export type Address = AddressV1;

export type { ContractStatus };

/** An installation of your integration on a Listo instance, with its clients. */
export interface Installation {
  id: InstanceIntegrationId;
  instanceName: string;
  createdAt: string;
  updatedAt: string;
}

/** A client of the dataset, as the REST API serves it. */
export interface Client {
  id: ClientId;
  installationId: InstanceIntegrationId;
  name: string;
  address: Address;
  createdAt: string;
}

/** A dashboard user of the dataset (also an account of the OIDC provider). */
export interface User {
  id: UserId;
  installationId: InstanceIntegrationId;
  clientId: ClientId;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  createdAt: string;
}

/** A job title of a client. */
export interface JobTitle {
  id: string;
  clientId: ClientId;
  name: string;
}

/** A unit of a client's organization tree. */
export interface OrganizationUnit {
  id: OrganizationUnitId;
  clientId: ClientId;
  name: string;
  parentId: OrganizationUnitId | null;
}

/** A location of a client's organization. */
export interface OrganizationLocation {
  id: OrganizationLocationId;
  clientId: ClientId;
  name: string;
  address: Address;
}

/** A worker's contract: `@listo/events`' WorkerContract v1, the shape the REST API and the events carry. */
export type Contract = WorkerContractV1;

/** A worker of the dataset, with its contracts (the REST WorkerV2 shape). */
export interface Worker {
  id: WorkerId;
  installationId: InstanceIntegrationId;
  clientId: ClientId;
  workerProfileId: WorkerProfileId;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  address: Address;
  organizationUnitId: OrganizationUnitId | null;
  organizationLocationId: OrganizationLocationId | null;
  contracts: Contract[];
}

/**
 * Everything the sandbox serves. Plain, mutable data: mutations change it in place and the REST API reads it
 * on every request, so what a test sees through the API is always the current state.
 */
export interface Dataset {
  seed: number;
  installations: Installation[];
  clients: Client[];
  users: User[];
  jobTitles: JobTitle[];
  organizationUnits: OrganizationUnit[];
  organizationLocations: OrganizationLocation[];
  workers: Worker[];
}
