import type { components } from './generated/listo-api';

type Schemas = components['schemas'];

/** An installation of your integration (`GET /v1/external-integration/installations`). */
export type Installation = Schemas['Installation'];
/** A client. Inferred shape: the `client.created` data, open. */
export type Client = Schemas['Client'];
/** A dashboard user of a client. Inferred shape: the `user.created` data, open. */
export type User = Schemas['User'];
/** A job title. Inferred, minimal and open. */
export type JobTitle = Schemas['JobTitle'];
/** The organization structure of a client. Inferred, minimal and open. */
export type OrganizationStructure = Schemas['OrganizationStructure'];
/** A worker (v2): `worker.onboarded` data less `clientId` and `workerProfileId`. */
export type WorkerV2 = Schemas['WorkerV2'];
/** The flat lookup's worker. Inferred: WorkerV2 plus the worker's `clientId`. */
export type WorkerLookup = Schemas['WorkerLookup'];
/** One of a worker's contracts. */
export type WorkerContract = Schemas['WorkerContract'];
/** A postal address. */
export type Address = Schemas['Address'];
/** The documented body of every error response: `{ statusCode, message }`. */
export type ApiErrorBody = Schemas['Error'];
