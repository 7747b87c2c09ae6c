export {
  type CallOptions,
  createListoClient,
  DEFAULT_BASE_URL,
  type ListoClient,
  type ListoClientOptions,
  type ListoRawClient,
} from './create-listo-client';
export {
  type ClientLink,
  type LinkedResource,
  type LinkTarget,
  ListoLinkError,
  type UserLink,
  type WorkerLink,
} from './follow-link';
export type { components, operations, paths } from './generated/listo-api';
export { ListoApiError, type ListoApiErrorInit, type ListoApiErrorKind } from './listo-api-error';
export type {
  Address,
  ApiErrorBody,
  Client,
  Installation,
  JobTitle,
  OrganizationStructure,
  User,
  WorkerContract,
  WorkerLookup,
  WorkerV2,
} from './resource-types';
export { USER_AGENT, VERSION } from './version';
