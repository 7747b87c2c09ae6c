import type { ID_PREFIXES, IdKind } from './id-prefixes';

/** An ID of kind `K`: its prefix followed by an opaque suffix. */
export type Id<K extends IdKind> = `${(typeof ID_PREFIXES)[K]}${string}`;

export type ClientId = Id<'client'>;
export type WorkerId = Id<'worker'>;
export type WorkerProfileId = Id<'workerProfile'>;
export type UserId = Id<'user'>;
export type EventId = Id<'event'>;
export type ContractId = Id<'contract'>;
export type OrganizationUnitId = Id<'organizationUnit'>;
export type OrganizationLocationId = Id<'organizationLocation'>;
/** The ID of an installation of your integration on one Listo instance (`inst_…`). */
export type InstanceIntegrationId = Id<'installation'>;
