import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, type EventOfDefinition } from '../src/define-event';
import type { EventHandlersOf } from '../src/handlers/create-event-handler';
import { idSchema } from '../src/schemas/id-schema';
import { tolerantObject } from '../src/schemas/tolerant-object';

// A made-up registry where client.created has a v2 next to v1, as a future release of this package would:
// it proves that the handler and narrowing types scale to several data versions of one type.
const v1 = defineEvent({
  type: 'client.created',
  dataVersion: 1,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: tolerantObject({ clientId: idSchema('client'), name: z.string() }),
});
const v2 = defineEvent({
  type: 'client.created',
  dataVersion: 2,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: tolerantObject({
    clientId: idSchema('client'),
    legalName: z.string(),
    tradingName: z.string(),
  }),
});
const other = defineEvent({
  type: 'user.created',
  dataVersion: 1,
  entityType: 'user',
  entityIdKind: 'user',
  entityIdField: 'userId',
  dataSchema: tolerantObject({ userId: idSchema('user') }),
});
type Definitions = typeof v1 | typeof v2 | typeof other;
type Event = EventOfDefinition<Definitions>;

describe('a type with two data versions', () => {
  it('narrows on type, then on dataVersion, down to never', () => {
    const name = (event: Event): string => {
      switch (event.type) {
        case 'client.created':
          switch (event.dataVersion) {
            case 1:
              return event.data.name;
            case 2:
              return event.data.legalName;
            default:
              expectTypeOf(event).toBeNever();
              return event;
          }
        case 'user.created':
          return event.data.userId;
        default:
          expectTypeOf(event).toBeNever();
          return event;
      }
    };
    void name;
  });

  it('requires a handler for each version, each given its own data', () => {
    const handlers: EventHandlersOf<Definitions, string> = {
      'client.created': { 1: (e) => e.data.name, 2: (e) => e.data.tradingName },
      'user.created': { 1: (e) => e.data.userId },
      unknown: (e) => e.type,
    };
    void handlers;
    const missing: EventHandlersOf<Definitions, string> = {
      // @ts-expect-error version 2 of client.created has no handler
      'client.created': { 1: (e) => e.data.name },
      'user.created': { 1: (e) => e.data.userId },
      unknown: (e) => e.type,
    };
    void missing;
  });
});
