import {
  type ClientId,
  ID_PREFIXES,
  type InstanceIntegrationId,
  type UserId,
  type WorkerId,
} from '@listo/ids';
import type { Client, User, WorkerV2 } from './resource-types';

/** `links.self` of a client (`client.created`). */
export type ClientLink = `/v1/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}`;
/** `links.self` of a dashboard user (`user.created`). */
export type UserLink =
  `/v1/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}/users/${UserId}`;
/** `links.self` of a worker (`worker.*` events). */
export type WorkerLink =
  `/v2/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}/workers/${WorkerId}`;

/** Any resource `follow` can return. */
export type LinkedResource = Client | User | WorkerV2;

/**
 * The resource behind a `links.self` path: `User`, `WorkerV2` or `Client` when the path's type matches
 * one template, every possibility when it is a plain `string` (as in parsed events).
 * User and worker links are tested first: a `${string}` inside the client template would match them too.
 */
export type LinkTarget<P extends string> = P extends UserLink
  ? User
  : P extends WorkerLink
    ? WorkerV2
    : P extends ClientLink
      ? Client
      : LinkedResource;

/** Thrown by `follow` for a path that is not one of the templates; nothing is sent. */
export class ListoLinkError extends TypeError {
  override readonly name = 'ListoLinkError' as const;
}

export type ParsedLink =
  | { kind: 'client'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId }
  | { kind: 'user'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId; userId: UserId }
  | { kind: 'worker'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId; workerId: WorkerId };

const id = (prefix: string): string => `(${prefix}[A-Za-z0-9_-]+)`;
const INSTALLATION = id(ID_PREFIXES.installation);
const CLIENT = id(ID_PREFIXES.client);
// Whole-string matches over the URL-safe ID alphabet: no `.`, `%`, `\`, `:`, `?`, `#` or extra `/` can
// get through, so absolute, protocol-relative, encoded and traversing paths all fail to match.
const CLIENT_LINK = new RegExp(`^/v1/instance-integrations/${INSTALLATION}/clients/${CLIENT}$`);
const USER_LINK = new RegExp(
  `^/v1/instance-integrations/${INSTALLATION}/clients/${CLIENT}/users/${id(ID_PREFIXES.user)}$`,
);
const WORKER_LINK = new RegExp(
  `^/v2/instance-integrations/${INSTALLATION}/clients/${CLIENT}/workers/${id(ID_PREFIXES.worker)}$`,
);

function describe(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** Matches a `links.self` path against the client, user and worker templates, or throws {@link ListoLinkError}. */
export function parseLink(linksSelf: unknown): ParsedLink {
  if (typeof linksSelf === 'string') {
    const user = USER_LINK.exec(linksSelf);
    if (user) {
      const [, instanceIntegrationId, clientId, userId] = user as unknown as [
        string,
        InstanceIntegrationId,
        ClientId,
        UserId,
      ];
      return { kind: 'user', instanceIntegrationId, clientId, userId };
    }
    const worker = WORKER_LINK.exec(linksSelf);
    if (worker) {
      const [, instanceIntegrationId, clientId, workerId] = worker as unknown as [
        string,
        InstanceIntegrationId,
        ClientId,
        WorkerId,
      ];
      return { kind: 'worker', instanceIntegrationId, clientId, workerId };
    }
    const client = CLIENT_LINK.exec(linksSelf);
    if (client) {
      const [, instanceIntegrationId, clientId] = client as unknown as [
        string,
        InstanceIntegrationId,
        ClientId,
      ];
      return { kind: 'client', instanceIntegrationId, clientId };
    }
  }
  throw new ListoLinkError(
    `Refusing to follow ${describe(linksSelf)}: expected a relative links.self path of a client, user or worker, ` +
      'such as /v1/instance-integrations/inst_…/clients/lglsocli_….',
  );
}
