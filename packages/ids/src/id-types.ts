import type { ID_PREFIXES, IdKind } from './id-prefixes';

/** An ID of kind `K`: its prefix followed by an opaque suffix. */
export type Id<K extends IdKind> = `${(typeof ID_PREFIXES)[K]}${string}`;

/** A client's ID (`lglsocli_…`). */
export type ClientId = Id<'client'>;
/** A worker's ID (`lglsowpr_…`): one person's engagement with one client. */
export type WorkerId = Id<'worker'>;
/** A worker profile's ID (`lglsowpf_…`): one person, shared by their worker rows across clients. */
export type WorkerProfileId = Id<'workerProfile'>;
/** A dashboard user's ID (`lglsousr_…`). */
export type UserId = Id<'user'>;
/** An event's ID (`lglsoevt_…`), also its deliveries' `webhook-id`. */
export type EventId = Id<'event'>;
/** A worker contract's ID (`lglsoctc_…`). */
export type ContractId = Id<'contract'>;
/** An organization unit's ID (`lglsoorgu_…`). */
export type OrganizationUnitId = Id<'organizationUnit'>;
/** An organization location's ID (`lglsoorgl_…`). */
export type OrganizationLocationId = Id<'organizationLocation'>;
/** The ID of an installation of your integration on one Listo instance (`inst_…`). */
export type InstanceIntegrationId = Id<'installation'>;
