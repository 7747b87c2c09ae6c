import type { paths } from './generated/listo-api';

/** The paths of the document that have a GET operation with a JSON 200 response. */
export type GetPath = {
  [P in keyof paths]: paths[P] extends {
    get: { responses: { 200: { content: { 'application/json': unknown } } } };
  }
    ? P
    : never;
}[keyof paths];

/**
 * Every method of the client, as data: resource → method → path template. Parameters are the template's
 * `{names}`, taken in path order, so each method's arguments read like its URL. Methods named `list` also get
 * an `iterate` twin (see list-pages.ts); every other method returns one resource.
 */
export const ENDPOINTS = {
  installations: {
    list: '/v1/external-integration/installations',
  },
  clients: {
    list: '/v1/instance-integrations/{instanceIntegrationId}/clients',
    get: '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}',
  },
  users: {
    list: '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users',
    get: '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users/{userId}',
  },
  jobTitles: {
    list: '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/job-titles',
  },
  organizationStructure: {
    get: '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/organization-structure',
  },
  workers: {
    list: '/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers',
    get: '/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers/{workerId}',
    lookup: '/v1/instance-integrations/{instanceIntegrationId}/workers/{workerId}',
  },
} as const;

export type EndpointTable = typeof ENDPOINTS;

type GetPathsOnly<T extends Record<string, Record<string, GetPath>>> = T;
/** The table, checked: a row that is not a GET path of the document does not compile. */
export type CheckedTable = GetPathsOnly<EndpointTable>;
