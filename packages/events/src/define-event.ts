import type { EventId, Id, IdKind } from '@listo/ids';
import * as z from 'zod';
import { envelopeSchema, SUPPORTED_SPEC_VERSION } from './envelope-schema';
import { idSchema } from './schemas/id-schema';
import { tolerantObject } from './schemas/tolerant-object';

/** A known event: the envelope with its `type`, `dataVersion` and `entity` pinned, and typed `data`. */
export interface DomainEvent<
  Type extends string,
  DataVersion extends number,
  EntityType extends string,
  EntityId extends string,
  Data,
> {
  id: EventId;
  type: Type;
  specVersion: typeof SUPPORTED_SPEC_VERSION;
  dataVersion: DataVersion;
  occurredAt: string;
  entity: { type: EntityType; id: EntityId };
  data: Data;
}

/** Everything this package knows about one (type, dataVersion). Built by {@link defineEvent}. */
export interface EventDefinition<
  Type extends string = string,
  DataVersion extends number = number,
  EntityType extends string = string,
  EntityKind extends IdKind = IdKind,
  DataSchema extends z.ZodType = z.ZodType,
> {
  readonly type: Type;
  readonly dataVersion: DataVersion;
  readonly entityType: EntityType;
  /** The key of `data` that holds the same ID as `entity.id`. */
  readonly entityIdField: string;
  readonly entitySchema: z.ZodType<{ type: EntityType; id: Id<EntityKind> }>;
  readonly dataSchema: DataSchema;
  /** The whole event (envelope + data), used for JSON Schema and by anyone who wants one schema. */
  readonly eventSchema: z.ZodType<
    DomainEvent<Type, DataVersion, EntityType, Id<EntityKind>, z.output<DataSchema>>
  >;
}

/** The event type described by a definition. */
export type EventOfDefinition<D> =
  D extends EventDefinition<infer T, infer V, infer E, infer K, infer S>
    ? DomainEvent<T, V, E, Id<K>, z.output<S>>
    : never;

/**
 * Declares one (type, dataVersion). Each lives in its own file under `events/`; adding a version is a new
 * file plus one line in `event-registry.ts`.
 */
export function defineEvent<
  const Type extends string,
  const DataVersion extends number,
  const EntityType extends string,
  EntityKind extends IdKind,
  DataSchema extends z.ZodType,
>(definition: {
  type: Type;
  dataVersion: DataVersion;
  entityType: EntityType;
  entityIdKind: EntityKind;
  entityIdField: string;
  dataSchema: DataSchema;
}): EventDefinition<Type, DataVersion, EntityType, EntityKind, DataSchema> {
  const entitySchema = tolerantObject({
    type: z.literal(definition.entityType),
    id: idSchema(definition.entityIdKind),
  });
  const eventSchema = envelopeSchema.extend({
    type: z.literal(definition.type),
    specVersion: z.literal(SUPPORTED_SPEC_VERSION),
    dataVersion: z.literal(definition.dataVersion),
    entity: entitySchema,
    data: definition.dataSchema,
  });
  return Object.freeze({
    type: definition.type,
    dataVersion: definition.dataVersion,
    entityType: definition.entityType,
    entityIdField: definition.entityIdField,
    entitySchema: entitySchema as unknown as EventDefinition<
      Type,
      DataVersion,
      EntityType,
      EntityKind
    >['entitySchema'],
    dataSchema: definition.dataSchema,
    eventSchema: eventSchema as unknown as EventDefinition<
      Type,
      DataVersion,
      EntityType,
      EntityKind,
      DataSchema
    >['eventSchema'],
  });
}
