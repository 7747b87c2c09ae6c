import {
  EVENT_CATALOG,
  type EventParseError,
  type ListoEvent,
  type ParseEventResult,
  type UnknownListoEvent,
} from '@listo/events';
import type { WebhookDelivery } from '@listo/webhook-handler';
import type { IncomingDelivery } from './store/store-types';

/**
 * What the store keeps of a verified delivery: the raw body as signed, and the envelope fields when it parsed
 * (`parsed` undefined: the signed body is not JSON).
 */
export function describeDelivery(
  webhookId: string,
  webhookTimestamp: number,
  rawBody: string,
  parsed: ParseEventResult | undefined,
): IncomingDelivery {
  const base = { webhookId, webhookTimestamp, rawBody };
  if (parsed === undefined) return { ...base, kind: 'invalid', parseError: 'The body is not JSON' };
  if (parsed.kind === 'invalid') return { ...base, kind: 'invalid', parseError: parsed.error.message };
  const e = parsed.event;
  return {
    ...base,
    kind: parsed.kind,
    envelope: {
      type: e.type,
      dataVersion: e.dataVersion,
      occurredAt: e.occurredAt,
      entityType: e.entity.type,
      entityId: e.entity.id,
    },
  };
}

// An event that reached a handler parsed: a (type, dataVersion) of the catalog is a known one, checked in full.
const KNOWN = new Set(EVENT_CATALOG.map((e) => `${e.type}\n${e.dataVersion}`));
const decoder = new TextDecoder('utf-8');

const text = (delivery: WebhookDelivery) => decoder.decode(delivery.rawBody);

/** `describeDelivery` for an event as `@listo/webhook-handler` hands it to a handler. */
export function describeEvent(
  delivery: WebhookDelivery,
  event: ListoEvent | UnknownListoEvent,
): IncomingDelivery {
  const parsed: ParseEventResult = KNOWN.has(`${event.type}\n${event.dataVersion}`)
    ? { kind: 'known', event: event as ListoEvent }
    : { kind: 'unknown', event };
  return describeDelivery(delivery.webhookId, delivery.timestamp, text(delivery), parsed);
}

/** `describeDelivery` for a signed delivery that is no valid event, as the handler's `invalid` gets it. */
export function describeInvalid(delivery: WebhookDelivery, error: EventParseError): IncomingDelivery {
  const notJson = error.issues[0]?.code === 'invalid_json';
  const parsed: ParseEventResult | undefined = notJson ? undefined : { kind: 'invalid', error };
  return describeDelivery(delivery.webhookId, delivery.timestamp, text(delivery), parsed);
}
