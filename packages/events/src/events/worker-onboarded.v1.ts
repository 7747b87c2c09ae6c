import type * as z from 'zod';
import { defineEvent } from '../define-event';
import { workerV1Schema } from '../schemas/worker-schema';

/**
 * `worker.onboarded` v1 `data`, exactly as the worker.onboarded page documents it: WorkerV2 plus the
 * routing fields `clientId` and `workerProfileId`.
 */
export const workerOnboardedV1DataSchema = workerV1Schema;

export type WorkerOnboardedV1Data = z.output<typeof workerOnboardedV1DataSchema>;

export const workerOnboardedV1 = defineEvent({
  type: 'worker.onboarded',
  dataVersion: 1,
  entityType: 'worker',
  entityIdKind: 'worker',
  entityIdField: 'workerId',
  dataSchema: workerOnboardedV1DataSchema,
});

/** The whole `worker.onboarded` v1 event: envelope plus data. */
export const workerOnboardedV1EventSchema = workerOnboardedV1.eventSchema;
