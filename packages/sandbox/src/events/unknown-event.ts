import { EVENT_CATALOG, type UnknownListoEvent } from '@listo/events';
import { type ClientId, generateId, type UserId, type WorkerId } from '@listo/ids';

/** The entity an event of a type the contracts do not know reports: a client, a user or a worker. */
export type UnknownEventEntity =
  | { type: 'client'; id: ClientId; data: { clientId: ClientId; links?: { self: string } } }
  | { type: 'user'; id: UserId; data: { userId: UserId; clientId?: ClientId; links?: { self: string } } }
  | {
      type: 'worker';
      id: WorkerId;
      data: { workerId: WorkerId; clientId?: ClientId; links?: { self: string } };
    };

/** Whether `@listo/events` knows `(type, dataVersion)`: its events are built from its own shapes. */
export function isKnownEvent(type: string, dataVersion: number): boolean {
  return EVENT_CATALOG.some((entry) => entry.type === type && entry.dataVersion === dataVersion);
}

/**
 * The kind of entity an event of `type` reports, read from its first segment (`worker.terminated` → worker).
 * INFERRED: the guides name events `<entity>.<change>`; any other first segment is taken to be a client's.
 */
export function entityKindOf(type: string): UnknownEventEntity['type'] {
  const head = type.split('.')[0];
  return head === 'user' || head === 'worker' ? head : 'client';
}

/** A fresh entity of `kind` with random IDs, for an event that is sent outside any sandbox. */
export function randomEntity(kind: UnknownEventEntity['type']): UnknownEventEntity {
  if (kind === 'user') {
    const id = generateId('user');
    return { type: 'user', id, data: { userId: id, clientId: generateId('client') } };
  }
  if (kind === 'worker') {
    const id = generateId('worker');
    return { type: 'worker', id, data: { workerId: id, clientId: generateId('client') } };
  }
  const id = generateId('client');
  return { type: 'client', id, data: { clientId: id } };
}

/**
 * An event of a (type, dataVersion) `@listo/events` does not know, to test a receiver's tolerance ("HTTP 200 +
 * log", as the webhooks overview asks): a valid DomainEvent envelope whose `data` holds only the entity's IDs
 * and, when it has one, its `links.self`. What a real event of that type carries is unknown, so nothing is made up.
 */
export function unknownEvent(
  type: string,
  dataVersion: number,
  entity: UnknownEventEntity,
): UnknownListoEvent {
  return {
    id: generateId('event'),
    type,
    specVersion: 1,
    dataVersion,
    occurredAt: new Date().toISOString(),
    entity: { type: entity.type, id: entity.id },
    data: { ...entity.data },
  };
}
