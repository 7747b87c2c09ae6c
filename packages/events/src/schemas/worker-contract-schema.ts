import * as z from 'zod';
import { idSchema } from './id-schema';
import { isoDateSchema, isoDateTimeSchema } from './iso-schemas';
import { BILLING_FREQUENCIES, CONTRACT_STATUSES, ENGAGEMENT_TYPES } from './known-values';
import { openString } from './open-string';
import { tolerantObject } from './tolerant-object';

/**
 * One element of `worker.onboarded` v1 `data.contracts`, mirroring the public WorkerContract schema,
 * exactly as the worker.onboarded page documents it. Frozen with the v1 payloads.
 */
export const workerContractV1Schema = tolerantObject({
  id: idSchema('contract'),
  clientId: idSchema('client'),
  name: z.string(),
  status: openString(
    CONTRACT_STATUSES,
    'Contract status, e.g. DRAFT, PENDING_SIGNATURE, EXECUTED, TERMINATED.',
  ),
  billingFrequency: openString(BILLING_FREQUENCIES, 'Billing frequency, e.g. MONTHLY, BIWEEKLY.'),
  isoCountryCode: z.string(),
  jobTitle: z.string(),
  startDate: isoDateSchema,
  contractEndDate: isoDateSchema.nullable(),
  createdAt: isoDateTimeSchema,
  engagementType: openString(ENGAGEMENT_TYPES, 'Engagement type, e.g. EOR, CONTRACTOR.'),
  managerId: idSchema('user').nullable(),
});

export type WorkerContractV1 = z.output<typeof workerContractV1Schema>;
/** A contract's `status`: the documented values (`EXECUTED`, `DRAFT`, …) or any other string Listo sends. */
export type ContractStatus = WorkerContractV1['status'];
/** A contract's `billingFrequency`: the documented values or any other string Listo sends. */
export type BillingFrequency = WorkerContractV1['billingFrequency'];
/** A contract's `engagementType` (`EOR`, `CONTRACTOR`, …, or any other string Listo sends). */
export type EngagementType = WorkerContractV1['engagementType'];
