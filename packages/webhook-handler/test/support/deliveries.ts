import type { ListoEvent } from '@listo/events';
import { makeEvent } from '@listo/events/fixtures';
import { generateSecret, Webhook } from '@listo/webhooks';
import { Webhook as StandardWebhook } from 'standardwebhooks';

/** The receiver's key, in Listo's form, and the same key in Standard Webhooks' form for the reference signer. */
export const SECRET: string = generateSecret();
export const SECRET_WHSEC: string = `whsec_${Buffer.from(SECRET.slice(4), 'base64url').toString('base64')}`;

export interface TestDelivery {
  headers: Record<string, string>;
  body: string;
}

/** A delivery as Listo sends it, signed by standardwebhooks (the reference implementation), timestamped now. */
export function delivery(
  event: object = makeEvent('client.created', 1),
  options: { id?: string; timestamp?: number; body?: string } = {},
): TestDelivery {
  const body = options.body ?? JSON.stringify(event);
  const id = options.id ?? (event as { id: string }).id;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = new StandardWebhook(SECRET_WHSEC).sign(id, new Date(timestamp * 1000), body);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'ListoGlobal-Gateway/1.0',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
    },
  };
}

/** The same, signed by this repository's own signer. */
export function ourDelivery(event: ListoEvent = makeEvent('client.created', 1)): TestDelivery {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...new Webhook(SECRET).signHeaders(event.id, new Date(), body),
    },
  };
}

export function request(d: TestDelivery, init: RequestInit = {}): Request {
  return new Request('http://127.0.0.1/webhooks/listo', {
    method: 'POST',
    headers: d.headers,
    body: d.body,
    ...init,
  });
}

/** An event of a type this version of @listo/events does not know yet. */
export function futureEvent(): object {
  const base = makeEvent('client.created', 1);
  return { ...base, type: 'client.archived', data: { clientId: base.data.clientId, reason: 'merged' } };
}
