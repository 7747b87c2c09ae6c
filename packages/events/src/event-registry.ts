import { DispatchTable } from './dispatch-table';
import { clientCreatedV1 } from './events/client-created.v1';
import { userCreatedV1 } from './events/user-created.v1';
import { workerContractUpdatedV1 } from './events/worker-contract-updated.v1';
import { workerOnboardedV1 } from './events/worker-onboarded.v1';
import { workerUpdatedV1 } from './events/worker-updated.v1';

/**
 * Every (type, dataVersion) this version of the package knows: the single source of the types,
 * the catalog, the dispatch table and the JSON Schema files. A new version is one line here.
 */
export const EVENT_DEFINITIONS = [
  clientCreatedV1,
  userCreatedV1,
  workerOnboardedV1,
  workerUpdatedV1,
  workerContractUpdatedV1,
] as const;

export type KnownEventDefinition = (typeof EVENT_DEFINITIONS)[number];

function buildDispatchTable(): DispatchTable<KnownEventDefinition> {
  const table = new DispatchTable<KnownEventDefinition>();
  for (const definition of EVENT_DEFINITIONS) {
    if (!table.add(definition.type, definition.dataVersion, definition)) {
      throw new Error(`Duplicate event definition: ${definition.type} v${definition.dataVersion}`);
    }
  }
  return table;
}

/** Every known definition by (type, dataVersion), for constant-time dispatch. */
export const DEFINITIONS: DispatchTable<KnownEventDefinition> = buildDispatchTable();

/** One row of {@link EVENT_CATALOG}: a union, one member per known (type, dataVersion). */
export type EventCatalogEntry = KnownEventDefinition extends infer D
  ? D extends KnownEventDefinition
    ? {
        readonly type: D['type'];
        readonly dataVersion: D['dataVersion'];
        readonly entityType: D['entityType'];
      }
    : never
  : never;

/** Every (type, dataVersion) this version knows, with the entity type its events carry. */
export const EVENT_CATALOG: readonly EventCatalogEntry[] = Object.freeze(
  EVENT_DEFINITIONS.map(
    ({ type, dataVersion, entityType }) =>
      Object.freeze({ type, dataVersion, entityType }) as EventCatalogEntry,
  ),
);
