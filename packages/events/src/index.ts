export type { DomainEvent } from './define-event';
export { WEBHOOK_DELIVERY_FACTS } from './delivery-facts';
export {
  type EntityType,
  envelopeSchema,
  SUPPORTED_SPEC_VERSION,
  type UnknownListoEvent,
} from './envelope-schema';
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
export { createEventHandler, type EventHandlers } from './handlers/create-event-handler';
export {
  createEventHandlerFor,
  type EventHandlersFor,
  type EventPair,
} from './handlers/create-event-handler-for';
export type { HandlerResult } from './handlers/handler-types';
export { EventParseError, type EventParseIssue } from './parsing/event-parse-error';
export type { ParseEventResult } from './parsing/event-parser';
export { parseEvent } from './parsing/parse-event';
export { type AddressV1, addressV1Schema } from './schemas/address-schema';
export {
  BILLING_FREQUENCIES,
  CONTRACT_STATUSES,
  ENGAGEMENT_TYPES,
  ENTITY_TYPES,
} from './schemas/known-values';
export {
  type ClientLinksV1,
  clientLinksV1Schema,
  type LinksV1,
  linksV1Schema,
  type UserLinksV1,
  userLinksV1Schema,
  type WorkerLinksV1,
  workerLinksV1Schema,
} from './schemas/links-schema';
export type { OpenString } from './schemas/open-string';
export {
  type BillingFrequency,
  type ContractStatus,
  type EngagementType,
  type WorkerContractV1,
  workerContractV1Schema,
} from './schemas/worker-contract-schema';
export { type WorkerV1, workerV1Schema } from './schemas/worker-schema';
