import * as z from 'zod';
import { addressV1Schema } from './address-schema';
import { idSchema } from './id-schema';
import { isoDateSchema } from './iso-schemas';
import { workerLinksV1Schema } from './links-schema';
import { tolerantObject } from './tolerant-object';
import { workerContractV1Schema } from './worker-contract-schema';

/** `organizationUnit`: `null` when the worker has no organization-unit assignment. */
export const organizationUnitRefV1Schema = tolerantObject({
  id: idSchema('organizationUnit'),
  name: z.string(),
}).nullable();

/** `organizationLocation`: `null` when the worker has no organization-location assignment. */
export const organizationLocationRefV1Schema = tolerantObject({
  id: idSchema('organizationLocation'),
  name: z.string(),
}).nullable();

/**
 * The body of the worker.* events v1: the public API's WorkerV2 shape plus the two routing fields
 * `clientId` and `workerProfileId`, exactly as the worker.onboarded page documents it.
 * Frozen with the v1 payloads: a breaking change belongs in a new schema for the new dataVersion.
 */
export const workerV1Schema = tolerantObject({
  clientId: idSchema('client'),
  workerId: idSchema('worker'),
  workerProfileId: idSchema('workerProfile'),
  // "Email at the worker profile": typed `string` by the guide, so not format-checked.
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string().nullable(),
  // E.164 "if present", typed `string | null`: not format-checked.
  phone: z.string().nullable(),
  dateOfBirth: isoDateSchema.nullable(),
  address: addressV1Schema,
  organizationUnit: organizationUnitRefV1Schema,
  organizationLocation: organizationLocationRefV1Schema,
  contracts: z.array(workerContractV1Schema),
  links: workerLinksV1Schema,
});

export type WorkerV1 = z.output<typeof workerV1Schema>;
