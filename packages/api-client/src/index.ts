export type { ClientLink, UserLink, WorkerLink } from '@listo/ids';
export {
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ListoClientOptions,
} from './client-options';
export { createListoClient } from './create-listo-client';
export { ListoLinkError } from './follow-link';
export type { components, operations, paths, webhooks } from './generated/listo-api';
export type {
  ListoCallInfo,
  ListoClientHooks,
  ListoErrorEvent,
  ListoRequestEvent,
  ListoResponseEvent,
  ListoRetryEvent,
} from './hooks';
export type { LinkedResource, LinkTarget } from './link-target';
export {
  ListoApiError,
  type ListoApiErrorBase,
  type ListoApiErrorFields,
  type ListoApiErrorInit,
  type ListoApiErrorJSON,
  type ListoApiErrorKind,
  type ListoApiErrorOf,
  type ListoApiErrorStatus,
  type RedirectStatus,
} from './listo-api-error';
export type { CallOptions, ListoClient, ListoRawClient } from './listo-client';
export { ListoParameterError } from './path-segment';
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
