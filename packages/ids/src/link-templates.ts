import { assertId } from './id-guards';
import { ID_PREFIXES } from './id-prefixes';
import { ID_SUFFIX_SOURCE } from './id-suffix';
import type { ClientId, InstanceIntegrationId, UserId, WorkerId } from './id-types';

/**
 * The one home of Listo's `links.self` templates: the relative paths Listo puts in event bodies and REST
 * responses, already carrying your installation's instanceIntegrationId. Append one to
 * `https://gateway.listoglobal.com` to fetch the entity's current state.
 */

/** `links.self` of a client (`client.created`, `GET /v1/…/clients/{clientId}`). */
export type ClientLink = `/v1/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}`;
/** `links.self` of a dashboard user (`user.created`, `GET /v1/…/users/{userId}`). */
export type UserLink =
  `/v1/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}/users/${UserId}`;
/** `links.self` of a worker (`worker.*` events, `GET /v2/…/workers/{workerId}`). */
export type WorkerLink =
  `/v2/instance-integrations/${InstanceIntegrationId}/clients/${ClientId}/workers/${WorkerId}`;

/** The kinds of entity a `links.self` path can point at. */
export type LinkKind = 'client' | 'user' | 'worker';

/** The `links.self` type of each {@link LinkKind}. */
export interface LinkOfKind {
  client: ClientLink;
  user: UserLink;
  worker: WorkerLink;
}

/** A `links.self` path split into its IDs; `kind` says which template it follows. */
export type ParsedLink =
  | { kind: 'client'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId }
  | { kind: 'user'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId; userId: UserId }
  | { kind: 'worker'; instanceIntegrationId: InstanceIntegrationId; clientId: ClientId; workerId: WorkerId };

const segment = (prefix: string): string => `(${prefix}${ID_SUFFIX_SOURCE})`;
const INSTALLATION = `/instance-integrations/${segment(ID_PREFIXES.installation)}`;
const CLIENT = `/clients/${segment(ID_PREFIXES.client)}`;

/**
 * Each template as whole-string regular-expression source, capturing the IDs in path order. The URL-safe ID
 * alphabet leaves no room for `.`, `%`, `\`, `:`, `?`, `#` or an extra `/`, so absolute, protocol-relative,
 * encoded and traversing paths never match. Source text (not `RegExp` objects) so that no caller can alter them.
 */
export const LINK_PATTERNS: { readonly [K in LinkKind]: string } = Object.freeze({
  client: `^/v1${INSTALLATION}${CLIENT}$`,
  user: `^/v1${INSTALLATION}${CLIENT}/users/${segment(ID_PREFIXES.user)}$`,
  worker: `^/v2${INSTALLATION}${CLIENT}/workers/${segment(ID_PREFIXES.worker)}$`,
});

const MATCHERS = {
  client: new RegExp(LINK_PATTERNS.client),
  user: new RegExp(LINK_PATTERNS.user),
  worker: new RegExp(LINK_PATTERNS.worker),
} as const;

/** Builds a client's `links.self`; throws `InvalidIdError` when an ID is not valid. */
export function clientLink(instanceIntegrationId: InstanceIntegrationId, clientId: ClientId): ClientLink {
  return `/v1/instance-integrations/${assertId('installation', instanceIntegrationId)}/clients/${assertId('client', clientId)}`;
}

/** Builds a dashboard user's `links.self`; throws `InvalidIdError` when an ID is not valid. */
export function userLink(
  instanceIntegrationId: InstanceIntegrationId,
  clientId: ClientId,
  userId: UserId,
): UserLink {
  return `${clientLink(instanceIntegrationId, clientId)}/users/${assertId('user', userId)}`;
}

/** Builds a worker's `links.self` (a v2 path); throws `InvalidIdError` when an ID is not valid. */
export function workerLink(
  instanceIntegrationId: InstanceIntegrationId,
  clientId: ClientId,
  workerId: WorkerId,
): WorkerLink {
  return `/v2/instance-integrations/${assertId('installation', instanceIntegrationId)}/clients/${assertId('client', clientId)}/workers/${assertId('worker', workerId)}`;
}

/** Whether `value` is a `links.self` path of `kind`. Never throws. */
export function isLink<K extends LinkKind>(kind: K, value: unknown): value is LinkOfKind[K] {
  return typeof value === 'string' && Object.hasOwn(MATCHERS, kind) && MATCHERS[kind].test(value);
}

/**
 * Splits a `links.self` path into its IDs, or returns `undefined` when it follows none of the templates (an
 * absolute URL, a path of another shape, anything not a string). Never throws.
 */
export function parseLink(value: unknown): ParsedLink | undefined {
  if (typeof value !== 'string') return undefined;
  // Whole-string anchors keep the three templates disjoint, so the order of these checks does not matter.
  const user = MATCHERS.user.exec(value);
  if (user) {
    const [, instanceIntegrationId, clientId, userId] = user as unknown as [
      string,
      InstanceIntegrationId,
      ClientId,
      UserId,
    ];
    return { kind: 'user', instanceIntegrationId, clientId, userId };
  }
  const worker = MATCHERS.worker.exec(value);
  if (worker) {
    const [, instanceIntegrationId, clientId, workerId] = worker as unknown as [
      string,
      InstanceIntegrationId,
      ClientId,
      WorkerId,
    ];
    return { kind: 'worker', instanceIntegrationId, clientId, workerId };
  }
  const client = MATCHERS.client.exec(value);
  if (client) {
    const [, instanceIntegrationId, clientId] = client as unknown as [
      string,
      InstanceIntegrationId,
      ClientId,
    ];
    return { kind: 'client', instanceIntegrationId, clientId };
  }
  return undefined;
}
