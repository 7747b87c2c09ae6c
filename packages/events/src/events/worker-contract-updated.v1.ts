import type * as z from 'zod';
import { defineEvent } from '../define-event';
import { idSchema } from '../schemas/id-schema';
import { workerLinksV1Schema } from '../schemas/links-schema';
import { workerContractV1Schema } from '../schemas/worker-contract-schema';

/**
 * `worker.contract.updated` v1 `data`.
 *
 * INFERRED: the guides give no page or sample for this event. The overview says its entity.type is
 * "workerContract" and that contracts mirror the public WorkerContract schema, so the body is the
 * `contracts[]` element of worker.onboarded v1 (entity.id = data.id, a lglsoctc_ ID).
 * INFERRED, optional: `workerId`, `workerProfileId` (the worker.* routing fields) and `links`; they are
 * typed when present and never required (the overview's "data.links.self (when present)"). `links.self`, when
 * present, is taken to be the worker's `WorkerLink`: a contract has no REST resource of its own, and the worker's
 * v2 resource embeds its contracts.
 */
export const workerContractUpdatedV1DataSchema = workerContractV1Schema.extend({
  workerId: idSchema('worker').optional(),
  workerProfileId: idSchema('workerProfile').optional(),
  links: workerLinksV1Schema.optional(),
});

export type WorkerContractUpdatedV1Data = z.output<typeof workerContractUpdatedV1DataSchema>;

export const workerContractUpdatedV1 = defineEvent({
  type: 'worker.contract.updated',
  dataVersion: 1,
  entityType: 'workerContract',
  entityIdKind: 'contract',
  entityIdField: 'id',
  dataSchema: workerContractUpdatedV1DataSchema,
});

/** The whole `worker.contract.updated` v1 event: envelope plus data. INFERRED (see the data schema). */
export const workerContractUpdatedV1EventSchema = workerContractUpdatedV1.eventSchema;
