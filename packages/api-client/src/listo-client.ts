import type { ClientId, InstanceIntegrationId, UserId, WorkerId } from '@listo/ids';
import type { Client as OpenApiFetchClient } from 'openapi-fetch';
import type { paths } from './generated/listo-api';
import type { LinkTarget } from './link-target';
import type {
  Client,
  Installation,
  JobTitle,
  OrganizationStructure,
  User,
  WorkerLookup,
  WorkerV2,
} from './resource-types';

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call, including any wait between retries; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** openapi-fetch's client typed by the document, with this client's credentials, timeouts and retries. */
export type ListoRawClient = OpenApiFetchClient<paths, `${string}/${string}`>;

/**
 * The REST API. Each `list` resolves to every item; its `iterate` twin yields them one at a time
 * (`for await (const client of listo.clients.iterate(iid))`), sending nothing before the first item is asked
 * for. Both keep working unchanged if Listo paginates (see the README, "Lists").
 */
export interface ListoClient {
  installations: {
    /** Every installation of your integration (`GET /v1/external-integration/installations`). */
    list(options?: CallOptions): Promise<Installation[]>;
    /** The installations, one at a time. */
    iterate(options?: CallOptions): AsyncIterableIterator<Installation>;
  };
  clients: {
    /** Every client of an installation. */
    list(instanceIntegrationId: InstanceIntegrationId, options?: CallOptions): Promise<Client[]>;
    /** The clients of an installation, one at a time. */
    iterate(
      instanceIntegrationId: InstanceIntegrationId,
      options?: CallOptions,
    ): AsyncIterableIterator<Client>;
    /** One client of an installation. */
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<Client>;
  };
  users: {
    /** Every dashboard user of a client. */
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<User[]>;
    /** The dashboard users of a client, one at a time. */
    iterate(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): AsyncIterableIterator<User>;
    /** One dashboard user of a client. */
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      userId: UserId,
      options?: CallOptions,
    ): Promise<User>;
  };
  jobTitles: {
    /** Every job title of a client. */
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<JobTitle[]>;
    /** The job titles of a client, one at a time. */
    iterate(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): AsyncIterableIterator<JobTitle>;
  };
  organizationStructure: {
    /** A client's organization units and locations. */
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<OrganizationStructure>;
  };
  workers: {
    /** Every worker of a client (the v2 shape, with its contracts). */
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<WorkerV2[]>;
    /** The workers of a client, one at a time. */
    iterate(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): AsyncIterableIterator<WorkerV2>;
    /** One worker of a client (the v2 shape, with its contracts). */
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      workerId: WorkerId,
      options?: CallOptions,
    ): Promise<WorkerV2>;
    /** The flat lookup by worker ID alone. Its path is inferred (see the README). */
    lookup(
      instanceIntegrationId: InstanceIntegrationId,
      workerId: WorkerId,
      options?: CallOptions,
    ): Promise<WorkerLookup>;
  };
  /**
   * Fetches the current state behind an event's `data.links.self`. Accepts only the relative client, user
   * and worker paths of `@listo/ids`; anything else (absolute or protocol-relative URLs, other hosts, encoded
   * or traversing segments) is refused with `ListoLinkError` before anything is sent. The result is the
   * resource of the link's template: `follow(workerEvent.data.links.self)` is a `WorkerV2`.
   */
  follow<P extends string>(linksSelf: P, options?: CallOptions): Promise<LinkTarget<P>>;
  /** The typed openapi-fetch client underneath, for anything the methods above do not cover. */
  raw: ListoRawClient;
}
