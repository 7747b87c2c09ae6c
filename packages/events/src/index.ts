export { createEventHandler, type EventHandlers } from './create-event-handler';
export type { DomainEvent } from './define-event';
export {
  ENTITY_TYPES,
  type EntityType,
  envelopeSchema,
  SUPPORTED_SPEC_VERSION,
  type UnknownListoEvent,
} from './envelope-schema';
export { EventParseError, type EventParseIssue } from './event-parse-error';
export { EVENT_CATALOG, type EventCatalogEntry } from './event-registry';
export type { DataVersionOf, EventOf, ListoEvent, ListoEventType } from './event-types';
export {
  type ClientCreatedV1Data,
  clientCreatedV1DataSchema,
  clientCreatedV1EventSchema,
} from './events/client-created.v1';
export {
  type UserCreatedV1Data,
  userCreatedV1DataSchema,
  userCreatedV1EventSchema,
} from './events/user-created.v1';
export {
  type WorkerContractUpdatedV1Data,
  workerContractUpdatedV1DataSchema,
  workerContractUpdatedV1EventSchema,
} from './events/worker-contract-updated.v1';
export {
  type WorkerOnboardedV1Data,
  workerOnboardedV1DataSchema,
  workerOnboardedV1EventSchema,
} from './events/worker-onboarded.v1';
export {
  type WorkerUpdatedV1Data,
  workerUpdatedV1DataSchema,
  workerUpdatedV1EventSchema,
} from './events/worker-updated.v1';
export { type ParseEventResult, parseEvent } from './parse-event';
export { type AddressV1, addressV1Schema } from './schemas/address-schema';
export { type LinksV1, linksV1Schema } from './schemas/links-schema';
export type { OpenString } from './schemas/open-string';
export {
  BILLING_FREQUENCIES,
  type BillingFrequency,
  CONTRACT_STATUSES,
  type ContractStatus,
  ENGAGEMENT_TYPES,
  type EngagementType,
  type WorkerContractV1,
  workerContractV1Schema,
} from './schemas/worker-contract-schema';
export { type WorkerV1, workerV1Schema } from './schemas/worker-schema';
