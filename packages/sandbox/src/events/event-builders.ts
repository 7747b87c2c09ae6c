import type { EventOf, ListoEvent } from '@listo/events';
import { type EventId, generateId } from '@listo/ids';
import type { Client, Contract, Dataset, User, Worker } from '../dataset/dataset';
import { clientResource, contractResource, userResource, workerEventData } from '../rest/resources';

/** A DomainEvent envelope as the gateway sends it: every event the sandbox builds is a `ListoEvent`. */
export type SandboxEvent = ListoEvent;

/**
 * A fresh, unguessable event id (`lglsoevt_u…`): unique across runs and sandboxes, unlike dataset IDs.
 * @deprecated Use `generateId('event')` from `@listo/ids`, which this calls.
 */
export function newEventId(): EventId {
  return generateId('event');
}

function envelope<T extends ListoEvent>(
  type: T['type'],
  entity: T['entity'],
  data: T['data'],
  occurredAt: Date,
): T {
  return {
    id: generateId('event'),
    type,
    specVersion: 1,
    dataVersion: 1,
    occurredAt: occurredAt.toISOString(),
    entity,
    data,
  } as T;
}

export function clientCreated(client: Client, at = new Date()): EventOf<'client.created', 1> {
  const { clientId, name, address, links } = clientResource(client);
  return envelope('client.created', { type: 'client', id: clientId }, { clientId, name, address, links }, at);
}

export function userCreated(user: User, at = new Date()): EventOf<'user.created', 1> {
  return envelope('user.created', { type: 'user', id: user.id }, userResource(user), at);
}

export function workerOnboarded(
  dataset: Dataset,
  worker: Worker,
  at = new Date(),
): EventOf<'worker.onboarded', 1> {
  return envelope(
    'worker.onboarded',
    { type: 'worker', id: worker.id },
    workerEventData(dataset, worker),
    at,
  );
}

/** Inferred (no sample in the guides): the same data as worker.onboarded, current state after the change. */
export function workerUpdated(
  dataset: Dataset,
  worker: Worker,
  at = new Date(),
): EventOf<'worker.updated', 1> {
  return envelope('worker.updated', { type: 'worker', id: worker.id }, workerEventData(dataset, worker), at);
}

/**
 * Inferred (no sample in the guides): the WorkerContract shape plus the routing fields `workerId` and
 * `workerProfileId`, and `links.self` to the worker, whose v2 resource embeds its contracts.
 */
export function workerContractUpdated(
  dataset: Dataset,
  worker: Worker,
  contract: Contract,
  at = new Date(),
): EventOf<'worker.contract.updated', 1> {
  const { links } = workerEventData(dataset, worker);
  return envelope(
    'worker.contract.updated',
    { type: 'workerContract', id: contract.id },
    { ...contractResource(contract), workerId: worker.id, workerProfileId: worker.workerProfileId, links },
    at,
  );
}
