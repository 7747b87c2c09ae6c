export { assertId, idKind, isId } from './id-guards';
export { ID_KINDS, ID_PREFIXES, type IdKind } from './id-prefixes';
export type {
  ClientId,
  ContractId,
  EventId,
  Id,
  InstanceIntegrationId,
  OrganizationLocationId,
  OrganizationUnitId,
  UserId,
  WorkerId,
  WorkerProfileId,
} from './id-types';
export { InvalidIdError } from './invalid-id-error';
