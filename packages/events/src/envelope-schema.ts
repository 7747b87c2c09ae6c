import * as z from 'zod';
import { idSchema } from './schemas/id-schema';
import { isoDateTimeSchema } from './schemas/iso-schemas';
import { ENTITY_TYPES } from './schemas/known-values';
import { openString } from './schemas/open-string';
import { tolerantObject } from './schemas/tolerant-object';

/** The envelope version this package understands. Any other value parses as `unknown`. */
export const SUPPORTED_SPEC_VERSION = 1;

/**
 * The DomainEvent envelope, common to every event whatever its type or version: what a receiver can
 * rely on before it knows the (type, dataVersion). `data` is any object, kept whole.
 */
const entitySchema = tolerantObject({
  type: openString(ENTITY_TYPES, 'Domain entity type, e.g. client, user, worker, workerContract.'),
  id: z.string().min(1).meta({ description: 'Public id of the entity (matches the relevant data.*Id).' }),
});

/** The DomainEvent envelope of every event (`id`, `type`, `specVersion`, `dataVersion`, `entity`, dates), `data` left open. */
export const envelopeSchema = tolerantObject({
  id: idSchema('event').meta({
    description: 'Globally unique event id (lglsoevt_…). Equals the webhook-id header.',
  }),
  type: z
    .string()
    .min(1)
    .meta({ description: 'Event type, e.g. client.created. Hierarchical, dot-delimited.' }),
  specVersion: z
    .number()
    .int()
    .positive()
    .meta({ description: 'Envelope version. Currently 1. Bumps only on envelope-level breaking changes.' }),
  dataVersion: z
    .number()
    .int()
    .positive()
    .meta({ description: "Per-type data version. Bumps when a single event type's payload shape breaks." }),
  occurredAt: isoDateTimeSchema.meta({
    description: 'When the event was produced at the source (ISO-8601 UTC).',
  }),
  entity: entitySchema,
  data: z.looseObject({}).meta({ description: 'Type-specific payload.' }),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * How `parseEvent` checks an event it has no schema for: the rules of {@link envelopeSchema}, except that
 * `data` is only checked to be an object and kept as it came, not copied key by key (a loose object's
 * catch-all copy costs more than the check; see BENCHMARKS.md).
 * Internal: the tests check that it accepts exactly what `envelopeSchema` accepts.
 */
export const envelopeHeadSchema = envelopeSchema.extend({
  data: z.custom<{ [key: string]: unknown }>(isObject, { error: 'Invalid input: expected object' }),
});

/** A valid envelope whatever its (type, dataVersion): what `parseEvent` returns as `unknown`. */
export type UnknownListoEvent = z.output<typeof envelopeSchema>;

/** The entity type union (known values plus any string). */
export type EntityType = UnknownListoEvent['entity']['type'];
