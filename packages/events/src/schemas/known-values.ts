/**
 * The one home of the known values of Listo's open enums: strings the guides document only by example ("e.g.
 * MONTHLY, BIWEEKLY"), so any other value is accepted too. The schemas offer these to autocompletion and list them as
 * JSON Schema `examples`; the sandbox draws its data from them. A value Listo adds is a patch here (VERSIONING.md).
 */

/** Entity types named by the webhooks overview (`entity.type`); future ones are accepted. */
export const ENTITY_TYPES = Object.freeze(['client', 'user', 'worker', 'workerContract'] as const);
/** Known contract statuses (`status`). */
export const CONTRACT_STATUSES = Object.freeze([
  'DRAFT',
  'PENDING_SIGNATURE',
  'EXECUTED',
  'TERMINATED',
] as const);
/** Known billing frequencies (`billingFrequency`). */
export const BILLING_FREQUENCIES = Object.freeze(['MONTHLY', 'BIWEEKLY'] as const);
/** Known engagement types (`engagementType`). */
export const ENGAGEMENT_TYPES = Object.freeze(['EOR', 'CONTRACTOR'] as const);
