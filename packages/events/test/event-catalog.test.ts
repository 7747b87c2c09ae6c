import { ID_KINDS, idPattern } from '@listo/ids';
import { describe, expect, it } from 'vitest';
import { DispatchTable } from '../src/dispatch-table';
import { DEFINITIONS, EVENT_DEFINITIONS } from '../src/event-registry';
import { ENTITY_TYPES, EVENT_CATALOG } from '../src/index';
import { idSchema } from '../src/schemas/id-schema';

describe('EVENT_CATALOG', () => {
  it("lists the overview's event-type catalog, each at dataVersion 1, with its entity type", () => {
    expect(EVENT_CATALOG).toEqual([
      { type: 'client.created', dataVersion: 1, entityType: 'client' },
      { type: 'user.created', dataVersion: 1, entityType: 'user' },
      { type: 'worker.onboarded', dataVersion: 1, entityType: 'worker' },
      { type: 'worker.updated', dataVersion: 1, entityType: 'worker' },
      { type: 'worker.contract.updated', dataVersion: 1, entityType: 'workerContract' },
    ]);
  });

  it('is frozen, so no consumer can change what the others see', () => {
    expect(Object.isFrozen(EVENT_CATALOG)).toBe(true);
    for (const entry of EVENT_CATALOG) expect(Object.isFrozen(entry)).toBe(true);
  });

  it('only uses entity types the overview names', () => {
    for (const { entityType } of EVENT_CATALOG) expect(ENTITY_TYPES).toContain(entityType);
  });
});

describe('the registry', () => {
  it('has one definition per (type, dataVersion), all reachable through the dispatch map', () => {
    expect(DEFINITIONS.size).toBe(EVENT_DEFINITIONS.length);
    for (const definition of EVENT_DEFINITIONS) {
      expect(DEFINITIONS.get(definition.type, definition.dataVersion)).toBe(definition);
    }
  });

  it('refuses a second entry for the same (type, dataVersion), and finds nothing through prototype names', () => {
    const table = new DispatchTable<string>();
    expect(table.add('client.created', 1, 'first')).toBe(true);
    expect(table.add('client.created', 1, 'second')).toBe(false);
    expect(table.get('client.created', 1)).toBe('first');
    expect(table.get('client.created', 2)).toBeUndefined();
    expect(table.get('__proto__', 1)).toBeUndefined();
    expect(table.get('constructor', 1)).toBeUndefined();
  });

  it('names, for each definition, a data field that holds an ID of the entity', () => {
    for (const { entityIdField, dataSchema } of EVENT_DEFINITIONS) {
      expect(Object.keys(dataSchema.shape)).toContain(entityIdField);
    }
  });
});

describe('the ID schemas', () => {
  it('check exactly the @listo/ids pattern of each kind, the one home of the rule', () => {
    for (const kind of ID_KINDS) expect(idSchema(kind)._zod.pattern.source).toBe(idPattern(kind));
  });
});
