import type { DataVersionOf, EventOf, ListoEvent, ListoEventType } from '@listo/events';
import { makeEvent } from '@listo/events/fixtures';
import { clientLink, type InstanceIntegrationId, parseLink, userLink, workerLink } from '@listo/ids';

/** The same `links.self`, on installation `iid` (the fixtures carry random installation IDs). */
function onInstallation(self: string, iid: InstanceIntegrationId): string {
  const link = parseLink(self);
  switch (link?.kind) {
    case 'client':
      return clientLink(iid, link.clientId);
    case 'user':
      return userLink(iid, link.clientId, link.userId);
    case 'worker':
      return workerLink(iid, link.clientId, link.workerId);
    default:
      return self;
  }
}

/**
 * A fresh event of `type` from the guides' samples (`@listo/events/fixtures`): new IDs, occurredAt now, and
 * `data.links.self` pointed at `installationId`, as the gateway substitutes it before signing. Its IDs are
 * random: nothing in a sandbox's dataset answers them. Throws a `RangeError` for a (type, dataVersion)
 * `@listo/events` does not know.
 */
export function fixtureEvent<T extends ListoEventType, V extends DataVersionOf<T>>(
  type: T,
  dataVersion: V,
  installationId?: InstanceIntegrationId,
): EventOf<T, V>;
export function fixtureEvent(
  type: string,
  dataVersion: number,
  installationId?: InstanceIntegrationId,
): ListoEvent;
export function fixtureEvent(
  type: string,
  dataVersion: number,
  installationId?: InstanceIntegrationId,
): ListoEvent {
  let event: ListoEvent;
  try {
    event = makeEvent(type as ListoEventType, dataVersion as never) as ListoEvent;
  } catch (cause) {
    throw new RangeError(`No fixture for ${type} v${dataVersion}.`, { cause });
  }
  const links = event.data.links;
  if (installationId && links) {
    (links as { self: string }).self = onInstallation(links.self, installationId);
  }
  return event;
}
