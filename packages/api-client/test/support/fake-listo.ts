import { clientCreatedV1Sample, userCreatedV1Sample, workerOnboardedV1Sample } from '@listo/events/fixtures';
import type { ClientId, UserId, WorkerId } from '@listo/ids';
import type { Client, Installation, JobTitle, OrganizationStructure, User, WorkerV2 } from '../../src/index';
import { type Handler, sendJson } from './loopback-server';

export const INSTALLATION_ID: 'inst_abc123xyz' = 'inst_abc123xyz';
export const CLIENT_ID: ClientId = clientCreatedV1Sample.data.clientId;
export const USER_ID: UserId = userCreatedV1Sample.data.userId;
export const WORKER_ID: WorkerId = workerOnboardedV1Sample.data.workerId;

export const installation: Installation = {
  id: INSTALLATION_ID,
  applicationInstance: { instanceName: 'Acme Corp Production' },
  createdAt: '2024-01-15T10:30:00.000Z',
  updatedAt: '2024-01-20T14:22:00.000Z',
};

// The REST shapes are taken from the guides' event samples (the routing fields left out of the worker).
export const client: Client = { ...clientCreatedV1Sample.data };
export const user: User = { ...userCreatedV1Sample.data };
const {
  clientId: _clientId,
  workerProfileId: _workerProfileId,
  ...workerData
} = workerOnboardedV1Sample.data;
export const worker: WorkerV2 = workerData;
export const jobTitles: JobTitle[] = [{ id: 'jt_1', name: 'Senior Engineer' }];
export const organizationStructure: OrganizationStructure = {
  organizationUnits: [{ id: 'lglsoorgu_uVwPa92qXz', name: 'Engineering' }],
  organizationLocations: [{ id: 'lglsoorgl_uTpQa83jYx', name: 'Springfield HQ' }],
};

const v1 = `/v1/instance-integrations/${INSTALLATION_ID}`;
const v2 = `/v2/instance-integrations/${INSTALLATION_ID}`;

export const ROUTES: Record<string, unknown> = {
  '/v1/external-integration/installations': [installation],
  [`${v1}/clients`]: [client],
  [`${v1}/clients/${CLIENT_ID}`]: client,
  [`${v1}/clients/${CLIENT_ID}/users`]: [user],
  [`${v1}/clients/${CLIENT_ID}/users/${USER_ID}`]: user,
  [`${v1}/clients/${CLIENT_ID}/job-titles`]: jobTitles,
  [`${v1}/clients/${CLIENT_ID}/organization-structure`]: organizationStructure,
  [`${v2}/clients/${CLIENT_ID}/workers`]: [worker],
  [`${v2}/clients/${CLIENT_ID}/workers/${WORKER_ID}`]: worker,
  [`${v1}/workers/${WORKER_ID}`]: { clientId: CLIENT_ID, ...worker },
};

/** Serves the routes above for the API key `apiKey`, like Listo would: 401 without it, 404 elsewhere. */
export function fakeListo(apiKey: string, prefix = ''): Handler {
  return (req, res) => {
    if (req.headers['x-api-key'] !== apiKey) {
      sendJson(res, 401, { statusCode: 401, message: 'Invalid API key' });
      return;
    }
    const url = req.url ?? '';
    const path = url.startsWith(prefix) ? url.slice(prefix.length) : url;
    if (req.method === 'GET' && Object.hasOwn(ROUTES, path)) sendJson(res, 200, ROUTES[path]);
    else sendJson(res, 404, { statusCode: 404, message: 'Not Found' });
  };
}
