import type { ListoEvent, UnknownListoEvent } from '@listo/events';
import type { ClientId, InstanceIntegrationId } from '@listo/ids';
import { entityKindOf, isKnownEvent, type UnknownEventEntity, unknownEvent } from '../events/unknown-event';
import { badRequest } from '../http/http-error';
import { clientResource, userResource, workerResource } from '../rest/resources';
import type { Client, Contract, Dataset, User, Worker } from './dataset';
import { type MutationResult, type Mutations, resolveInstallationId } from './mutations';

/** Options of `trigger`: the data version and where the event happens. */
export interface TriggerOptions {
  /** Default 1. */
  dataVersion?: number;
  /** Defaults to the client's installation, or the dataset's first one. */
  installationId?: InstanceIntegrationId;
  /**
   * The client a new user or worker joins. By default the installation's first client (a new one when it has
   * none).
   */
  clientId?: ClientId;
}

/**
 * What `trigger` did: the entity its event reports (created for a known type, so that the event's IDs and
 * `links.self` resolve on the REST API), the event, and whether `@listo/events` knows its (type, dataVersion).
 */
export type TriggerResult = MutationResult<
  Client | User | Worker | Contract,
  ListoEvent | UnknownListoEvent
> & {
  known: boolean;
};

/**
 * An event of any type, like `stripe trigger`. A known (type, dataVersion) changes the dataset the way Listo
 * would before sending it: `client.created` adds a client, `user.created` a user, `worker.onboarded` a worker;
 * `worker.updated` and `worker.contract.updated` add a worker (announcing only the event asked for) and report
 * its current state. Any other (type, dataVersion) is a minimal envelope (see `unknownEvent`) about an existing
 * entity of the kind its type names.
 */
export function triggerEvent(
  dataset: Dataset,
  mutations: Mutations,
  type: string,
  options: TriggerOptions = {},
): TriggerResult {
  const dataVersion = options.dataVersion ?? 1;
  if (!Number.isInteger(dataVersion) || dataVersion < 1) {
    throw badRequest('dataVersion must be a positive integer');
  }
  if (type === '') throw badRequest('An event type is required');
  const named = options.clientId === undefined ? undefined : mutations.client(options.clientId);
  const installationId = resolveInstallationId(dataset, options.installationId ?? named?.installationId);
  if (named && named.installationId !== installationId) {
    throw badRequest(`Client ${named.id} is not on installation ${installationId}`);
  }
  const client = (): Client =>
    named ??
    dataset.clients.find((c) => c.installationId === installationId) ??
    mutations.createClient({ installationId }).entity;
  const known = isKnownEvent(type, dataVersion);
  if (known) {
    switch (type) {
      case 'client.created':
        return { ...mutations.createClient({ installationId }), known };
      case 'user.created':
        return { ...mutations.createUser({ clientId: client().id }), known };
      case 'worker.onboarded':
        return { ...mutations.onboardWorker({ clientId: client().id }), known };
      case 'worker.updated': {
        const worker = mutations.onboardWorker({ clientId: client().id }).entity;
        return { ...mutations.updateWorker(worker.id, {}), known };
      }
      case 'worker.contract.updated': {
        const worker = mutations.onboardWorker({ clientId: client().id }).entity;
        return { ...mutations.changeContract((worker.contracts[0] as Contract).id, {}), known };
      }
    }
  }
  const entity = existingEntity(dataset, mutations, entityKindOf(type), client());
  return {
    installationId,
    entity: entity.record,
    event: unknownEvent(type, dataVersion, entity.ref),
    known: false,
  };
}

function existingEntity(
  dataset: Dataset,
  mutations: Mutations,
  kind: UnknownEventEntity['type'],
  client: Client,
): { record: Client | User | Worker; ref: UnknownEventEntity } {
  if (kind === 'user') {
    const user =
      dataset.users.find((u) => u.clientId === client.id) ??
      mutations.createUser({ clientId: client.id }).entity;
    const { userId, clientId, links } = userResource(user);
    return { record: user, ref: { type: 'user', id: userId, data: { userId, clientId, links } } };
  }
  if (kind === 'worker') {
    const worker =
      dataset.workers.find((w) => w.clientId === client.id) ??
      mutations.onboardWorker({ clientId: client.id }).entity;
    const { workerId, links } = workerResource(dataset, worker);
    return {
      record: worker,
      ref: { type: 'worker', id: workerId, data: { workerId, clientId: client.id, links } },
    };
  }
  const { clientId, links } = clientResource(client);
  return { record: client, ref: { type: 'client', id: clientId, data: { clientId, links } } };
}
