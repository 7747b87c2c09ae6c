import type { ClientId, ClientLink, UserLink, WorkerId, WorkerLink } from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import { defineEvent, type EventOfDefinition } from '../src/define-event';
import type { EventHandlersForOf } from '../src/handlers/create-event-handler-for';
import {
  createEventHandler,
  createEventHandlerFor,
  type EventHandlersFor,
  type EventOf,
  type EventPair,
  type HandlerResult,
  type ListoEvent,
  type UnknownListoEvent,
} from '../src/index';
import { idSchema } from '../src/schemas/id-schema';
import { tolerantObject } from '../src/schemas/tolerant-object';

declare const log: { info(...values: unknown[]): void };
type Dispatch<R> = (event: ListoEvent | UnknownListoEvent) => R;

describe('createEventHandler: handlers that return different types', () => {
  it('mixes async handlers and a sync unknown, the README example, and returns the union', () => {
    const handle = createEventHandler({
      'client.created': { 1: async (e) => log.info(e.data.clientId) },
      'user.created': { 1: (e) => e.data.email },
      'worker.onboarded': { 1: async (e) => e.data.contracts.length },
      'worker.updated': { 1: (e) => e.data.workerId },
      'worker.contract.updated': { 1: (e) => e.data.jobTitle },
      unknown: (e) => log.info('ignored event', e.type, e.dataVersion),
    });
    expectTypeOf(handle).toEqualTypeOf<
      Dispatch<Promise<void> | string | Promise<number> | WorkerId | void>
    >();
  });

  it('still infers one type when every handler returns it, and honours an explicit R', () => {
    const strings = createEventHandler({
      'client.created': { 1: (e) => e.data.name },
      'user.created': { 1: (e) => e.data.email },
      'worker.onboarded': { 1: (e) => e.data.email },
      'worker.updated': { 1: (e) => e.data.email },
      'worker.contract.updated': { 1: (e) => e.data.jobTitle },
      unknown: (e) => e.type,
    });
    expectTypeOf(strings).toEqualTypeOf<Dispatch<string>>();
    const promised = createEventHandler<Promise<void>>({
      'client.created': { 1: async () => {} },
      'user.created': { 1: async () => {} },
      'worker.onboarded': { 1: async () => {} },
      'worker.updated': { 1: async () => {} },
      'worker.contract.updated': { 1: async () => {} },
      unknown: async () => {},
    });
    expectTypeOf(promised).toEqualTypeOf<Dispatch<Promise<void>>>();
  });

  it('types each handler of the mixed form with its exact event', () => {
    createEventHandler({
      'client.created': { 1: async (e) => expectTypeOf(e).toEqualTypeOf<EventOf<'client.created', 1>>() },
      'user.created': { 1: (e) => e.data.userId },
      'worker.onboarded': { 1: (e) => expectTypeOf(e.type).toEqualTypeOf<'worker.onboarded'>() },
      'worker.updated': { 1: async (e) => e.data.workerId },
      'worker.contract.updated': { 1: (e) => e.data.id },
      unknown: (e) => expectTypeOf(e).toEqualTypeOf<UnknownListoEvent>(),
    });
  });

  it('is a compile error, in the mixed form too, to add a type or a version the package does not know', () => {
    const mixed = {
      'client.created': { 1: async () => 1 },
      'user.created': { 1: () => 'u' },
      'worker.onboarded': { 1: () => 'o' },
      'worker.updated': { 1: () => 'w' },
      'worker.contract.updated': { 1: () => 'k' },
      unknown: () => undefined,
    };
    createEventHandler(mixed);
    // @ts-expect-error no such event type
    createEventHandler({ ...mixed, 'client.deleted': { 1: () => 'x' } });
    // @ts-expect-error no such data version
    createEventHandler({ ...mixed, 'user.created': { 1: () => 'u', 2: () => 'u2' } });
  });
});

describe('createEventHandlerFor', () => {
  it('requires exactly the subscribed pairs plus otherwise, and returns the union of their results', () => {
    const handle = createEventHandlerFor(
      [
        ['worker.onboarded', 1],
        ['client.created', 1],
      ],
      {
        'worker.onboarded': { 1: async (e) => e.data.workerId },
        'client.created': { 1: (e) => e.data.clientId },
        otherwise: (e) => log.info(e.type),
      },
    );
    // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is typed void; so is the union
    expectTypeOf(handle).toEqualTypeOf<Dispatch<Promise<WorkerId> | ClientId | void>>();
  });

  it('gives each handler its exact event, and otherwise every other known event plus the unknown ones', () => {
    createEventHandlerFor([['user.created', 1]], {
      'user.created': { 1: (e) => expectTypeOf(e).toEqualTypeOf<EventOf<'user.created', 1>>() },
      otherwise: (e) =>
        expectTypeOf(e).toEqualTypeOf<
          | EventOf<'client.created', 1>
          | EventOf<'worker.onboarded', 1>
          | EventOf<'worker.updated', 1>
          | EventOf<'worker.contract.updated', 1>
          | UnknownListoEvent
        >(),
    });
    // Nothing known is left over when everything is subscribed.
    type All = EventHandlersFor<readonly EventPair[]>['otherwise'];
    expectTypeOf<Parameters<All>[0]>().toEqualTypeOf<UnknownListoEvent>();
  });

  it('takes the pairs as written, without `as const`, and a readonly tuple declared beforehand', () => {
    const subscribed = [['worker.updated', 1]] as const;
    const handle = createEventHandlerFor(subscribed, {
      'worker.updated': { 1: (e) => e.data.phone },
      otherwise: () => null,
    });
    expectTypeOf(handle).toEqualTypeOf<Dispatch<string | null>>();
  });

  it('is a compile error to leave out a subscribed handler or otherwise', () => {
    const subscribed = [
      ['worker.onboarded', 1],
      ['user.created', 1],
    ] as const;
    // @ts-expect-error user.created is subscribed but has no handler
    createEventHandlerFor(subscribed, {
      'worker.onboarded': { 1: () => 1 },
      otherwise: () => 1,
    });
    // @ts-expect-error otherwise is missing
    createEventHandlerFor([['client.created', 1]], { 'client.created': { 1: () => 1 } });
  });

  it('is a compile error to handle a pair that is not subscribed', () => {
    createEventHandlerFor([['worker.onboarded', 1]], {
      'worker.onboarded': { 1: () => 1 },
      // @ts-expect-error client.created is not subscribed
      'client.created': { 1: () => 1 },
      otherwise: () => 1,
    });
    createEventHandlerFor([['worker.onboarded', 1]], {
      // @ts-expect-error worker.onboarded v2 is neither subscribed nor known
      'worker.onboarded': { 1: () => 1, 2: () => 2 },
      otherwise: () => 1,
    });
  });

  it('is a compile error to subscribe to a pair that is not in the package', () => {
    // @ts-expect-error no such event type
    createEventHandlerFor([['client.deleted', 1]], { otherwise: () => 1 });
    // @ts-expect-error no such data version
    createEventHandlerFor([['client.created', 2]], { otherwise: () => 1 });
  });
});

describe('HandlerResult', () => {
  it('is the union of the return types at both depths', () => {
    type H = { a: { 1: () => string; 2: () => Promise<number> }; unknown: () => void };
    // biome-ignore lint/suspicious/noConfusingVoidType: a handler that returns nothing is typed void; so is the union
    expectTypeOf<HandlerResult<H>>().toEqualTypeOf<string | Promise<number> | void>();
  });
});

// A made-up registry that grows: today's package knows client.created v1 and user.created v1; a later release adds
// client.created v2 and worker.offboarded v1.
const clientV1 = defineEvent({
  type: 'client.created',
  dataVersion: 1,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: tolerantObject({ clientId: idSchema('client'), name: z.string() }),
});
const clientV2 = defineEvent({
  type: 'client.created',
  dataVersion: 2,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: tolerantObject({ clientId: idSchema('client'), legalName: z.string() }),
});
const user = defineEvent({
  type: 'user.created',
  dataVersion: 1,
  entityType: 'user',
  entityIdKind: 'user',
  entityIdField: 'userId',
  dataSchema: tolerantObject({ userId: idSchema('user') }),
});
const offboarded = defineEvent({
  type: 'worker.offboarded',
  dataVersion: 1,
  entityType: 'worker',
  entityIdKind: 'worker',
  entityIdField: 'workerId',
  dataSchema: tolerantObject({ workerId: idSchema('worker') }),
});
type Today = typeof clientV1 | typeof user;
type Later = Today | typeof clientV2 | typeof offboarded;

describe('a subset handler when the package learns new events', () => {
  const subscribed = [['client.created', 1]] as const;
  const handlers = {
    'client.created': { 1: (e: EventOfDefinition<typeof clientV1>) => e.data.name },
    otherwise: (e: { type: string }) => e.type,
  };

  it('compiles against today’s registry and, unchanged, against a later one with a new type and version', () => {
    expectTypeOf(handlers).toExtend<EventHandlersForOf<Today, typeof subscribed, string>>();
    expectTypeOf(handlers).toExtend<EventHandlersForOf<Later, typeof subscribed, string>>();
  });

  it('sends the new events to otherwise, typed', () => {
    type Otherwise = Parameters<EventHandlersForOf<Later, typeof subscribed, string>['otherwise']>[0];
    expectTypeOf<EventOfDefinition<typeof clientV2>>().toExtend<Otherwise>();
    expectTypeOf<EventOfDefinition<typeof offboarded>>().toExtend<Otherwise>();
  });
});

describe('data.links.self', () => {
  it('is typed as the @listo/ids template of each event', () => {
    expectTypeOf<EventOf<'client.created', 1>['data']['links']['self']>().toEqualTypeOf<ClientLink>();
    expectTypeOf<EventOf<'user.created', 1>['data']['links']['self']>().toEqualTypeOf<UserLink>();
    expectTypeOf<EventOf<'worker.onboarded', 1>['data']['links']['self']>().toEqualTypeOf<WorkerLink>();
    expectTypeOf<EventOf<'worker.updated', 1>['data']['links']['self']>().toEqualTypeOf<WorkerLink>();
    // INFERRED and optional: the contract's worker.
    expectTypeOf<EventOf<'worker.contract.updated', 1>['data']['links']>().toEqualTypeOf<
      { self: WorkerLink } | undefined
    >();
  });
});
