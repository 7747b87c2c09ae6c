import type { ParseEventResult } from '@listo/events';
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
