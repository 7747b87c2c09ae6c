import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, type EventOfDefinition } from '../src/define-event';
import type { UnknownListoEvent } from '../src/envelope-schema';
import type { DataVersionIn, EventIn } from '../src/event-types';
import type { EventHandlersOf } from '../src/handlers/create-event-handler';
import type { EventHandlersForOf } from '../src/handlers/create-event-handler-for';
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
/** What parseEvent returns, over this registry. */
type Parsed = { kind: 'known'; event: Event } | { kind: 'unknown'; event: UnknownListoEvent };

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

  it('lists both versions, and gives each its own event', () => {
    expectTypeOf<DataVersionIn<Definitions, 'client.created'>>().toEqualTypeOf<1 | 2>();
    expectTypeOf<EventIn<Definitions, 'client.created', 2>['data']['legalName']>().toEqualTypeOf<string>();
    expectTypeOf<EventIn<Definitions, 'client.created'>['dataVersion']>().toEqualTypeOf<1 | 2>();
    // @ts-expect-error client.created has no v3
    expectTypeOf<EventIn<Definitions, 'client.created', 3>>().toBeNever();
  });

  it('keeps a signature generic in (type, dataVersion) compiling, as makeEvent and the sandbox have them', () => {
    // With two versions of one type, `V extends DataVersionOf<T>` once failed its own constraint here (TS2344).
    type Make = <T extends Definitions['type'], V extends DataVersionIn<Definitions, T>>(
      type: T,
      dataVersion: V,
    ) => EventIn<Definitions, T, V>;
    const make = (() => undefined) as unknown as Make;
    expectTypeOf(make('client.created', 2).data.legalName).toEqualTypeOf<string>();
    expectTypeOf(make('client.created', 1).data.name).toEqualTypeOf<string>();
    // @ts-expect-error client.created has no v3
    make('client.created', 3);
    type Templates = {
      readonly [T in Definitions['type']]: {
        readonly [V in DataVersionIn<Definitions, T>]: () => EventIn<Definitions, T, V>;
      };
    };
    expectTypeOf<keyof Templates['client.created']>().toEqualTypeOf<1 | 2>();
  });

  it('narrows a parsed event to the version it is', () => {
    const legalName = (result: Parsed): string | undefined => {
      if (result.kind !== 'known' || result.event.type !== 'client.created') return undefined;
      expectTypeOf(result.event.dataVersion).toEqualTypeOf<1 | 2>();
      if (result.event.dataVersion === 2) return result.event.data.legalName;
      expectTypeOf(result.event.data).not.toHaveProperty('legalName');
      return result.event.data.name;
    };
    void legalName;
  });

  it('subscribes to one version of the two, the other going to otherwise, typed', () => {
    type S = readonly [readonly ['client.created', 2]];
    const handlers: EventHandlersForOf<Definitions, S, string> = {
      'client.created': { 2: (e) => e.data.legalName },
      otherwise: (e) => e.type,
    };
    void handlers;
    expectTypeOf<Parameters<typeof handlers.otherwise>[0]>().toEqualTypeOf<
      EventIn<Definitions, 'client.created', 1> | EventIn<Definitions, 'user.created', 1> | UnknownListoEvent
    >();
    const extra: EventHandlersForOf<Definitions, S, string> = {
      // @ts-expect-error v1 is not subscribed, so it has no handler of its own
      'client.created': { 1: (e) => e.data.name, 2: (e) => e.data.legalName },
      otherwise: (e) => e.type,
    };
    void extra;
    type Both = readonly [readonly ['client.created', 1], readonly ['client.created', 2]];
    const both: EventHandlersForOf<Definitions, Both, string> = {
      // @ts-expect-error both versions are subscribed: v2 needs its handler too
      'client.created': { 1: (e) => e.data.name },
      otherwise: (e) => e.type,
    };
    void both;
  });
});
