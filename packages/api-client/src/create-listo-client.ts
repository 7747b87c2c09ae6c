import type { ClientId, InstanceIntegrationId, UserId, WorkerId } from '@listo/ids';
import createClient, { type Client as OpenApiFetchClient } from 'openapi-fetch';
import type { Readable } from 'openapi-typescript-helpers';
import { type LinkTarget, parseLink } from './follow-link';
import type { paths } from './generated/listo-api';
import { ListoApiError } from './listo-api-error';
import { serializePath } from './path-segment';
import type {
  Client,
  Installation,
  JobTitle,
  OrganizationStructure,
  User,
  WorkerLookup,
  WorkerV2,
} from './resource-types';
import { createTransport, requestPath, type Transport } from './transport';

export const DEFAULT_BASE_URL = 'https://gateway.listoglobal.com';

export interface ListoClientOptions {
  /** The API key of your external integration, sent as `x-api-key`. Never echoed in errors. */
  apiKey: string;
  /** Defaults to the production gateway, `https://gateway.listoglobal.com`. */
  baseUrl?: string;
  /** A Fetch implementation; defaults to `globalThis.fetch`. */
  fetch?: (input: Request) => Promise<Response>;
  /** Retries after a 5xx, a network error or a timeout. Default 2 (3 attempts). 4xx are never retried. */
  maxRetries?: number;
  /** Limit for each attempt, body included, in milliseconds. Default 30 000. */
  timeoutMs?: number;
  /**
   * Backoff: the n-th retry waits a random time in `[0, min(maxMs, baseMs * 2^(n-1)))` (full jitter), or
   * exactly what `Retry-After` asks when it asks for no more than `maxMs`; a longer `Retry-After` ends the
   * retries. Defaults: `baseMs` 250, `maxMs` 30 000.
   */
  retryDelay?: { baseMs?: number; maxMs?: number };
}

/** Per-call options. */
export interface CallOptions {
  /** Aborts the call, including any wait between retries; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** openapi-fetch's client typed by the document, with this client's credentials, timeouts and retries. */
export type ListoRawClient = OpenApiFetchClient<paths, `${string}/${string}`>;

export interface ListoClient {
  installations: {
    list(options?: CallOptions): Promise<Installation[]>;
  };
  clients: {
    list(instanceIntegrationId: InstanceIntegrationId, options?: CallOptions): Promise<Client[]>;
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<Client>;
  };
  users: {
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<User[]>;
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      userId: UserId,
      options?: CallOptions,
    ): Promise<User>;
  };
  jobTitles: {
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<JobTitle[]>;
  };
  organizationStructure: {
    get(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<OrganizationStructure>;
  };
  workers: {
    list(
      instanceIntegrationId: InstanceIntegrationId,
      clientId: ClientId,
      options?: CallOptions,
    ): Promise<WorkerV2[]>;
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
   * and worker paths; anything else (absolute or protocol-relative URLs, other hosts, encoded or
   * traversing segments) is refused with `ListoLinkError` before anything is sent.
   */
  follow<P extends string>(linksSelf: P, options?: CallOptions): Promise<LinkTarget<P>>;
  /** The typed openapi-fetch client underneath, for anything the methods above do not cover. */
  raw: ListoRawClient;
}

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

function nonNegativeInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer.`);
  return value;
}

function positiveNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new TypeError(`${name} must be a positive number.`);
  return value;
}

function normalizeBaseUrl(baseUrl: string): string {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new TypeError('baseUrl must be an absolute http(s) URL.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new TypeError('baseUrl must be an absolute http(s) URL.');
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError('baseUrl must not carry credentials, a query or a fragment.');
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

function isErrorBody(body: unknown): body is { statusCode: number; message: string } {
  return (
    typeof body === 'object' &&
    body !== null &&
    typeof (body as { statusCode?: unknown }).statusCode === 'number' &&
    typeof (body as { message?: unknown }).message === 'string'
  );
}

function httpMessage(response: Response, body: unknown, transport: Transport): string {
  if (isErrorBody(body) && body.message.length > 0) return transport.redact(body.message);
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  const contentType = response.headers.get('content-type') ?? '';
  // A short plain-text body usually says what went wrong; HTML error pages and long bodies do not help.
  if (typeof body === 'string' && contentType.startsWith('text/plain') && body.trim() && body.length <= 200) {
    return transport.redact(`${status}: ${body.trim()}`);
  }
  return status;
}

interface Exchange {
  request?: Request;
  response?: Response;
}

/**
 * What openapi-fetch resolves to. Its `data` is `Readable<T>`, which maps `string & {}` (the open-string
 * unions) into an object type, so each method names its component type `T` and the compiler checks that
 * the operation's response is that type.
 */
type Result<T> = { data?: Readable<T>; error?: unknown; response: Response };

/** Creates a client for Listo's REST API. */
export function createListoClient(options: ListoClientOptions): ListoClient {
  const { apiKey } = options;
  if (typeof apiKey !== 'string' || !VISIBLE_ASCII.test(apiKey)) {
    // The key itself is never part of the message.
    throw new TypeError('apiKey must be a non-empty string of visible ASCII characters.');
  }
  const baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_BASE_URL);
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const maxDelayMs = positiveNumber('retryDelay.maxMs', options.retryDelay?.maxMs, 30_000);
  const transport = createTransport({
    apiKey,
    fetch: fetchImpl,
    maxRetries: nonNegativeInteger('maxRetries', options.maxRetries, 2),
    timeoutMs: positiveNumber('timeoutMs', options.timeoutMs, 30_000),
    baseDelayMs: positiveNumber('retryDelay.baseMs', options.retryDelay?.baseMs, 250),
    maxDelayMs,
  });

  const raw: ListoRawClient = createClient<paths>({
    baseUrl,
    fetch: transport.fetch,
    pathSerializer: serializePath,
  });

  /** Runs one typed call and turns anything but a 2xx JSON body into a {@link ListoApiError}. */
  async function call<T>(
    run: (fetch: (request: Request) => Promise<Response>) => Promise<Result<T>>,
  ): Promise<T> {
    const exchange: Exchange = {};
    // A per-call fetch that remembers the exchange (cheaper than an openapi-fetch middleware).
    const observe = async (request: Request): Promise<Response> => {
      exchange.request = request;
      exchange.response = await transport.fetch(request);
      return exchange.response;
    };
    let result: Result<T>;
    try {
      result = await run(observe);
    } catch (error) {
      const { request, response } = exchange;
      // Anything thrown after a response arrived is openapi-fetch failing to parse its body.
      if (request && response) {
        throw new ListoApiError({
          kind: 'invalid-response',
          statusCode: response.status,
          message: `HTTP ${response.status} with a body that is not valid JSON.`,
          method: request.method,
          path: requestPath(request),
          attempts: transport.attemptsFor(response),
        });
      }
      throw error;
    }
    const { response } = result;
    const request = exchange.request;
    const method = request?.method ?? 'GET';
    const path = request ? requestPath(request) : '';
    if (!response.ok) {
      throw new ListoApiError({
        kind: 'http',
        statusCode: response.status,
        message: httpMessage(response, result.error, transport),
        method,
        path,
        attempts: transport.attemptsFor(response),
      });
    }
    if (result.data === undefined) {
      throw new ListoApiError({
        kind: 'invalid-response',
        statusCode: response.status,
        message: `HTTP ${response.status} with an empty body; expected JSON.`,
        method,
        path,
        attempts: transport.attemptsFor(response),
      });
    }
    // Readable<T> differs from T only where `$Read`/`$Write` markers are, and the document has none.
    return result.data as T;
  }

  const init = (callOptions: CallOptions | undefined, fetch: (request: Request) => Promise<Response>) =>
    callOptions?.signal ? { fetch, signal: callOptions.signal } : { fetch };

  const clients: ListoClient['clients'] = {
    list: (instanceIntegrationId, o) =>
      call<Client[]>((m) =>
        raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients', {
          params: { path: { instanceIntegrationId } },
          ...init(o, m),
        }),
      ),
    get: (instanceIntegrationId, clientId, o) =>
      call<Client>((m) =>
        raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}', {
          params: { path: { instanceIntegrationId, clientId } },
          ...init(o, m),
        }),
      ),
  };

  const users: ListoClient['users'] = {
    list: (instanceIntegrationId, clientId, o) =>
      call<User[]>((m) =>
        raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users', {
          params: { path: { instanceIntegrationId, clientId } },
          ...init(o, m),
        }),
      ),
    get: (instanceIntegrationId, clientId, userId, o) =>
      call<User>((m) =>
        raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/users/{userId}', {
          params: { path: { instanceIntegrationId, clientId, userId } },
          ...init(o, m),
        }),
      ),
  };

  const workers: ListoClient['workers'] = {
    list: (instanceIntegrationId, clientId, o) =>
      call<WorkerV2[]>((m) =>
        raw.GET('/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers', {
          params: { path: { instanceIntegrationId, clientId } },
          ...init(o, m),
        }),
      ),
    get: (instanceIntegrationId, clientId, workerId, o) =>
      call<WorkerV2>((m) =>
        raw.GET('/v2/instance-integrations/{instanceIntegrationId}/clients/{clientId}/workers/{workerId}', {
          params: { path: { instanceIntegrationId, clientId, workerId } },
          ...init(o, m),
        }),
      ),
    lookup: (instanceIntegrationId, workerId, o) =>
      call<WorkerLookup>((m) =>
        raw.GET('/v1/instance-integrations/{instanceIntegrationId}/workers/{workerId}', {
          params: { path: { instanceIntegrationId, workerId } },
          ...init(o, m),
        }),
      ),
  };

  async function follow<P extends string>(linksSelf: P, o?: CallOptions): Promise<LinkTarget<P>> {
    const link = parseLink(linksSelf);
    let resource: Client | User | WorkerV2;
    switch (link.kind) {
      case 'client':
        resource = await clients.get(link.instanceIntegrationId, link.clientId, o);
        break;
      case 'user':
        resource = await users.get(link.instanceIntegrationId, link.clientId, link.userId, o);
        break;
      case 'worker':
        resource = await workers.get(link.instanceIntegrationId, link.clientId, link.workerId, o);
        break;
    }
    // The parsed template decides the resource, exactly as LinkTarget<P> does for the path's type.
    return resource as LinkTarget<P>;
  }

  return {
    installations: {
      list: (o) => call<Installation[]>((m) => raw.GET('/v1/external-integration/installations', init(o, m))),
    },
    clients,
    users,
    jobTitles: {
      list: (instanceIntegrationId, clientId, o) =>
        call<JobTitle[]>((m) =>
          raw.GET('/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/job-titles', {
            params: { path: { instanceIntegrationId, clientId } },
            ...init(o, m),
          }),
        ),
    },
    organizationStructure: {
      get: (instanceIntegrationId, clientId, o) =>
        call<OrganizationStructure>((m) =>
          raw.GET(
            '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}/organization-structure',
            {
              params: { path: { instanceIntegrationId, clientId } },
              ...init(o, m),
            },
          ),
        ),
    },
    workers,
    follow,
    raw,
  };
}
