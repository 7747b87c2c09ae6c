import { makeEvent } from '@listo/events/fixtures';
import type { InstanceIntegrationId } from '@listo/ids';
import { newEventId, type SandboxEvent } from './event-builders';
import { substituteInstallation } from './links';

/**
 * A fresh event of `type` from the guides' samples (`@listo/events/fixtures`): a new id, occurredAt now, and
 * `data.links.self` pointed at `installationId`, as the gateway substitutes it before signing.
 */
export function fixtureEvent(
  type: string,
  dataVersion: number,
  installationId?: InstanceIntegrationId,
): SandboxEvent {
  let sample: unknown;
  try {
    sample = makeEvent(type as never, dataVersion as never);
  } catch (cause) {
    throw new RangeError(`No fixture for ${type} v${dataVersion}.`, { cause });
  }
  if (sample === undefined) throw new RangeError(`No fixture for ${type} v${dataVersion}.`);
  const event = structuredClone(sample) as SandboxEvent;
  event.id = newEventId();
  event.occurredAt = new Date().toISOString();
  const self = (event.data?.links as { self?: unknown } | undefined)?.self;
  if (installationId && typeof self === 'string') {
    event.data.links = {
      ...(event.data.links as object),
      self: substituteInstallation(self, installationId),
    };
  }
  return event;
}
