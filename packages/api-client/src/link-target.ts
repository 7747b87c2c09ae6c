import type { ClientLink, UserLink, WorkerLink } from '@listo/ids';
import type { Client, User, WorkerV2 } from './resource-types';

/** Any resource `follow` can return. */
export type LinkedResource = Client | User | WorkerV2;

/**
 * The resource behind a `links.self` path: `User`, `WorkerV2` or `Client` when the path's type matches one
 * of `@listo/ids`' templates (as `@listo/events` types each event's link), every possibility when it is a
 * plain `string`. User and worker links are tested first: a `${string}` inside the client template would
 * match them too. Distributes over unions, so a link of several event types gives the union of resources.
 */
export type LinkTarget<P extends string> = P extends UserLink
  ? User
  : P extends WorkerLink
    ? WorkerV2
    : P extends ClientLink
      ? Client
      : LinkedResource;
