import type {
  ClientId,
  ContractId,
  EventId,
  OrganizationUnitId,
  UserId,
  WorkerId,
  WorkerProfileId,
} from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import { makeEvent } from '../src/fixtures/index';
import {
  type ContractStatus,
  createEventHandler,
  type DataVersionOf,
  EVENT_CATALOG,
  type EventOf,
  type ListoEvent,
  type ListoEventType,
  parseEvent,
  type UnknownListoEvent,
  type WorkerOnboardedV1Data,
} from '../src/index';

describe('ListoEventType, DataVersionOf and EventOf', () => {
  it('lists the catalog', () => {
    expectTypeOf<ListoEventType>().toEqualTypeOf<
      'client.created' | 'user.created' | 'worker.onboarded' | 'worker.updated' | 'worker.contract.updated'
    >();
    expectTypeOf<DataVersionOf<'client.created'>>().toEqualTypeOf<1>();
    expectTypeOf(EVENT_CATALOG[0]!.type).toEqualTypeOf<ListoEventType>();
  });

  it('pins the envelope of each event: type, dataVersion, specVersion and the entity', () => {
    type Onboarded = EventOf<'worker.onboarded', 1>;
    expectTypeOf<Onboarded['type']>().toEqualTypeOf<'worker.onboarded'>();
    expectTypeOf<Onboarded['dataVersion']>().toEqualTypeOf<1>();
    expectTypeOf<Onboarded['specVersion']>().toEqualTypeOf<1>();
    expectTypeOf<Onboarded['id']>().toEqualTypeOf<EventId>();
    expectTypeOf<Onboarded['entity']>().toEqualTypeOf<{ type: 'worker'; id: WorkerId }>();
    expectTypeOf<EventOf<'worker.contract.updated', 1>['entity']>().toEqualTypeOf<{
      type: 'workerContract';
      id: ContractId;
    }>();
  });

  it('types IDs with the @listo/ids template-literal types', () => {
    type Data = EventOf<'worker.onboarded', 1>['data'];
    expectTypeOf<Data['clientId']>().toEqualTypeOf<ClientId>();
    expectTypeOf<Data['workerProfileId']>().toEqualTypeOf<WorkerProfileId>();
    expectTypeOf<NonNullable<Data['organizationUnit']>['id']>().toEqualTypeOf<OrganizationUnitId>();
    expectTypeOf<Data['contracts'][number]['managerId']>().toEqualTypeOf<UserId | null>();
  });

  it('types documented nullable fields and nullable objects as such, and nothing else', () => {
    type Data = EventOf<'worker.onboarded', 1>['data'];
    expectTypeOf<Data['firstName']>().toEqualTypeOf<string | null>();
    expectTypeOf<Data['dateOfBirth']>().toEqualTypeOf<string | null>();
    expectTypeOf<Data['organizationLocation']>().toExtend<object | null>();
    expectTypeOf<null>().toExtend<Data['organizationLocation']>();
    expectTypeOf<Data['email']>().toEqualTypeOf<string>();
    expectTypeOf<Data['address']['zoneCode']>().toEqualTypeOf<string | null>();
  });

  it('offers the known values of open strings and still accepts any string', () => {
    expectTypeOf<'EXECUTED'>().toExtend<ContractStatus>();
    expectTypeOf<string>().toExtend<ContractStatus>();
    const status: ContractStatus = 'ON_HOLD';
    void status;
  });

  it('types only the documented keys, so typos are errors and Omit keeps the shape', () => {
    type Data = EventOf<'worker.onboarded', 1>['data'];
    expectTypeOf<keyof Data>().toEqualTypeOf<
      | 'clientId'
      | 'workerId'
      | 'workerProfileId'
      | 'email'
      | 'firstName'
      | 'lastName'
      | 'fullName'
      | 'phone'
      | 'dateOfBirth'
      | 'address'
      | 'organizationUnit'
      | 'organizationLocation'
      | 'contracts'
      | 'links'
    >();
    expectTypeOf<Omit<Data, 'clientId' | 'workerProfileId'>>().toHaveProperty('workerId');
    expectTypeOf<Data>().toEqualTypeOf<WorkerOnboardedV1Data>();
    const data = {} as Data;
    // @ts-expect-error a misspelt key is an error, not `unknown`
    void data.workerID;
  });

  it('rejects a type or data version that does not exist', () => {
    // @ts-expect-error no such event type
    type NoType = EventOf<'client.deleted', 1>;
    // @ts-expect-error no such data version
    type NoVersion = EventOf<'client.created', 2>;
    expectTypeOf<NoType | NoVersion>().not.toBeAny();
  });
});

describe('narrowing', () => {
  it('narrows ListoEvent in a switch on type, then dataVersion, down to never', () => {
    const describeEvent = (event: ListoEvent): string => {
      switch (event.type) {
        case 'client.created':
          switch (event.dataVersion) {
            case 1:
              expectTypeOf(event.data.clientId).toEqualTypeOf<ClientId>();
              return event.data.name;
            default:
              // With a single version the event itself is not a union, but its dataVersion narrows to never.
              expectTypeOf(event.dataVersion).toBeNever();
              return event.dataVersion;
          }
        case 'user.created':
          return event.data.email;
        case 'worker.onboarded':
        case 'worker.updated':
          expectTypeOf(event.data.contracts).toEqualTypeOf<WorkerOnboardedV1Data['contracts']>();
          return event.data.workerId;
        case 'worker.contract.updated':
          expectTypeOf(event.entity.type).toEqualTypeOf<'workerContract'>();
          return event.data.jobTitle;
        default:
          expectTypeOf(event).toBeNever();
          return event;
      }
    };
    void describeEvent;
  });

  it('narrows the result of parseEvent by kind', () => {
    const result = parseEvent({});
    if (result.kind === 'known') expectTypeOf(result.event).toEqualTypeOf<ListoEvent>();
    else if (result.kind === 'unknown') {
      expectTypeOf(result.event).toEqualTypeOf<UnknownListoEvent>();
      expectTypeOf(result.event.type).toEqualTypeOf<string>();
      expectTypeOf(result.event.data).toEqualTypeOf<{ [k: string]: unknown }>();
    } else expectTypeOf(result.error.path).toEqualTypeOf<string>();
  });
});

describe('createEventHandler exhaustiveness', () => {
  const all = {
    'client.created': { 1: (e: EventOf<'client.created', 1>) => e.data.name },
    'user.created': { 1: (e: EventOf<'user.created', 1>) => e.data.email },
    'worker.onboarded': { 1: (e: EventOf<'worker.onboarded', 1>) => e.data.email },
    'worker.updated': { 1: (e: EventOf<'worker.updated', 1>) => e.data.email },
    'worker.contract.updated': { 1: (e: EventOf<'worker.contract.updated', 1>) => e.data.jobTitle },
    unknown: (e: UnknownListoEvent) => e.type,
  };

  it('accepts one handler per (type, dataVersion) plus unknown, and infers the result type', () => {
    const handle = createEventHandler(all);
    expectTypeOf(handle).toEqualTypeOf<(event: ListoEvent | UnknownListoEvent) => string>();
  });

  it('gives each handler its exact event, without annotations', () => {
    createEventHandler<void>({
      'client.created': { 1: (e) => expectTypeOf(e).toEqualTypeOf<EventOf<'client.created', 1>>() },
      'user.created': { 1: (e) => expectTypeOf(e.data.userId).toEqualTypeOf<UserId>() },
      'worker.onboarded': { 1: (e) => expectTypeOf(e.type).toEqualTypeOf<'worker.onboarded'>() },
      'worker.updated': { 1: (e) => expectTypeOf(e.type).toEqualTypeOf<'worker.updated'>() },
      'worker.contract.updated': { 1: (e) => expectTypeOf(e.data.id).toEqualTypeOf<ContractId>() },
      unknown: (e) => expectTypeOf(e).toEqualTypeOf<UnknownListoEvent>(),
    });
  });

  it('is a compile error to leave out an event type, a data version or unknown', () => {
    const { 'worker.updated': _type, ...withoutType } = all;
    // @ts-expect-error worker.updated is missing
    createEventHandler(withoutType);
    // @ts-expect-error worker.updated has no handler for data version 1
    createEventHandler({ ...all, 'worker.updated': {} });
    const { unknown: _unknown, ...withoutUnknown } = all;
    // @ts-expect-error unknown is missing
    createEventHandler(withoutUnknown);
  });

  it('is a compile error to handle a type or version that does not exist, or the wrong event', () => {
    // @ts-expect-error no such event type
    createEventHandler({ ...all, 'client.deleted': { 1: () => 'x' } });
    const wrongEvent = { 1: (e: EventOf<'client.created', 1>) => e.data.name };
    // @ts-expect-error a worker.onboarded handler cannot take a client.created event
    createEventHandler({ ...all, 'worker.onboarded': wrongEvent });
    // @ts-expect-error every handler must return R
    createEventHandler<string>({ ...all, unknown: () => 42 });
  });
});

describe('makeEvent', () => {
  it('returns the exact event and types the overrides', () => {
    expectTypeOf(makeEvent('worker.updated', 1)).toEqualTypeOf<EventOf<'worker.updated', 1>>();
    makeEvent('worker.onboarded', 1, { data: { address: { city: 'Shelbyville' } } });
    // @ts-expect-error overrides keep field types
    makeEvent('worker.onboarded', 1, { data: { firstName: 42 } });
    // @ts-expect-error overrides keep ID types
    makeEvent('client.created', 1, { data: { clientId: 'lglsowpr_x' } });
    // @ts-expect-error no such data version
    makeEvent('client.created', 2);
  });
});
