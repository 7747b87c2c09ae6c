import { randomBytes } from 'node:crypto';
import type { EventId } from '@listo/ids';
import type { Client, Contract, Dataset, User, Worker } from './dataset';
import { clientResource, contractResource, userResource, workerEventData } from './serialize';

/** A DomainEvent envelope as the gateway sends it. */
export interface SandboxEvent {
  id: EventId;
  type: string;
  specVersion: number;
  dataVersion: number;
  occurredAt: string;
  entity: { type: string; id: string };
  data: Record<string, unknown>;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh, unguessable event id (`lglsoevt_u…`): unique across runs and sandboxes, unlike dataset IDs. */
export function newEventId(): EventId {
  const bytes = randomBytes(16);
  let suffix = 'u';
  for (const byte of bytes) suffix += ALPHABET[byte % ALPHABET.length];
  return `lglsoevt_${suffix}`;
}

function envelope(
  type: string,
  entity: SandboxEvent['entity'],
  data: Record<string, unknown>,
  occurredAt: Date,
): SandboxEvent {
  return {
    id: newEventId(),
    type,
    specVersion: 1,
    dataVersion: 1,
    occurredAt: occurredAt.toISOString(),
    entity,
    data,
  };
}

export function clientCreated(client: Client, at = new Date()): SandboxEvent {
  const { clientId, name, address, links } = clientResource(client);
  return envelope('client.created', { type: 'client', id: clientId }, { clientId, name, address, links }, at);
}

export function userCreated(user: User, at = new Date()): SandboxEvent {
  return envelope('user.created', { type: 'user', id: user.id }, userResource(user), at);
}

export function workerOnboarded(dataset: Dataset, worker: Worker, at = new Date()): SandboxEvent {
  return envelope(
    'worker.onboarded',
    { type: 'worker', id: worker.id },
    workerEventData(dataset, worker),
    at,
  );
}

/** Inferred (no sample in the guides): the same data as worker.onboarded, current state after the change. */
export function workerUpdated(dataset: Dataset, worker: Worker, at = new Date()): SandboxEvent {
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
): SandboxEvent {
  const { links } = workerEventData(dataset, worker);
  return envelope(
    'worker.contract.updated',
    { type: 'workerContract', id: contract.id },
    { ...contractResource(contract), workerId: worker.id, workerProfileId: worker.workerProfileId, links },
    at,
  );
}
