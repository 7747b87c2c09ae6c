import type { Client, Dataset, Installation } from '../dataset/dataset';
import { notFound } from '../http/http-error';
import { type Params, Router } from '../http/router';
import {
  clientResource,
  installationResource,
  jobTitleResource,
  organizationStructureResource,
  userResource,
  workerResource,
} from './resources';

export interface RestContext {
  dataset: Dataset;
}

function installation(dataset: Dataset, params: Params): Installation {
  const found = dataset.installations.find((i) => i.id === params.instanceIntegrationId);
  if (!found) throw notFound(`Instance integration ${params.instanceIntegrationId} not found`);
  return found;
}

function client(dataset: Dataset, params: Params): Client {
  const inst = installation(dataset, params);
  const found = dataset.clients.find((c) => c.id === params.clientId && c.installationId === inst.id);
  if (!found) throw notFound(`Client ${params.clientId} not found`);
  return found;
}

/** Every endpoint of the Listo REST API that the sandbox emulates (see packages/api-client/openapi/listo.yaml). */
export function createRestRouter(): Router<RestContext> {
  const v1 = '/v1/instance-integrations/{instanceIntegrationId}';
  const v2 = '/v2/instance-integrations/{instanceIntegrationId}';
  return (
    new Router<RestContext>()
      .add('GET', '/v1/external-integration/installations', (_, { dataset }) =>
        dataset.installations.map(installationResource),
      )
      .add('GET', `${v1}/clients`, (params, { dataset }) => {
        const inst = installation(dataset, params);
        return dataset.clients.filter((c) => c.installationId === inst.id).map(clientResource);
      })
      .add('GET', `${v1}/clients/{clientId}`, (params, { dataset }) =>
        clientResource(client(dataset, params)),
      )
      .add('GET', `${v1}/clients/{clientId}/users`, (params, { dataset }) => {
        const owner = client(dataset, params);
        return dataset.users.filter((u) => u.clientId === owner.id).map(userResource);
      })
      .add('GET', `${v1}/clients/{clientId}/users/{userId}`, (params, { dataset }) => {
        const owner = client(dataset, params);
        const user = dataset.users.find((u) => u.id === params.userId && u.clientId === owner.id);
        if (!user) throw notFound(`User ${params.userId} not found`);
        return userResource(user);
      })
      .add('GET', `${v1}/clients/{clientId}/job-titles`, (params, { dataset }) => {
        const owner = client(dataset, params);
        return dataset.jobTitles.filter((t) => t.clientId === owner.id).map(jobTitleResource);
      })
      .add('GET', `${v1}/clients/{clientId}/organization-structure`, (params, { dataset }) =>
        organizationStructureResource(dataset, client(dataset, params)),
      )
      .add('GET', `${v2}/clients/{clientId}/workers`, (params, { dataset }) => {
        const owner = client(dataset, params);
        return dataset.workers.filter((w) => w.clientId === owner.id).map((w) => workerResource(dataset, w));
      })
      .add('GET', `${v2}/clients/{clientId}/workers/{workerId}`, (params, { dataset }) => {
        const owner = client(dataset, params);
        const worker = dataset.workers.find((w) => w.id === params.workerId && w.clientId === owner.id);
        if (!worker) throw notFound(`Worker ${params.workerId} not found`);
        return workerResource(dataset, worker);
      })
      // INFERRED (as in listo.yaml): the flat lookup's path and body; `clientId` is added because a caller that
      // only had the worker ID needs it to use the v2 endpoints.
      .add('GET', `${v1}/workers/{workerId}`, (params, { dataset }) => {
        const inst = installation(dataset, params);
        const worker = dataset.workers.find((w) => w.id === params.workerId && w.installationId === inst.id);
        if (!worker) throw notFound(`Worker ${params.workerId} not found`);
        return { clientId: worker.clientId, ...workerResource(dataset, worker) };
      })
  );
}
