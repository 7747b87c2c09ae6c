import type * as z from 'zod';
import { defineEvent } from '../define-event';
import { workerV1Schema } from '../schemas/worker-schema';

/**
 * `worker.updated` v1 `data`.
 *
 * INFERRED: the guides give no page or sample for this event. The overview says worker.* payloads mirror
 * the REST WorkerV2 shape plus the routing fields (and the worker.onboarded page speaks of "worker.*
 * payloads" as one shape), so this is the schema of `worker.onboarded` v1: entity.type "worker",
 * entity.id = data.workerId. Unknown fields are kept as everywhere. If Listo's real payload turns out leaner
 * (say, without `contracts`), loosen it here: that is a patch (see VERSIONING.md).
 */
export const workerUpdatedV1DataSchema = workerV1Schema;

export type WorkerUpdatedV1Data = z.output<typeof workerUpdatedV1DataSchema>;

export const workerUpdatedV1 = defineEvent({
  type: 'worker.updated',
  dataVersion: 1,
  entityType: 'worker',
  entityIdKind: 'worker',
  entityIdField: 'workerId',
  dataSchema: workerUpdatedV1DataSchema,
});

/** The whole `worker.updated` v1 event: envelope plus data. INFERRED (see the data schema). */
export const workerUpdatedV1EventSchema = workerUpdatedV1.eventSchema;
