export { type GenerateIdOptions, generateId } from './generate-id';
export { assertId, idKind, isId } from './id-guards';
export { idPattern } from './id-pattern';
export { ID_KINDS, ID_PREFIXES, type IdKind } from './id-prefixes';
export { ID_SUFFIX_DESCRIPTION, ID_SUFFIX_SOURCE } from './id-suffix';
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
export {
  type ClientLink,
  clientLink,
  isLink,
  LINK_PATTERNS,
  type LinkKind,
  type LinkOfKind,
  type ParsedLink,
  parseLink,
  type UserLink,
  userLink,
  type WorkerLink,
  workerLink,
} from './link-templates';
