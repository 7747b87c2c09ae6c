import {
  type DeliveryAttempt,
  deliver,
  fixtureEvent,
  resolveDeliveryPolicy,
  type Sandbox,
} from '@listo/sandbox';
import { generateSecret } from '@listo/webhooks';

/** What one receiver answered to the sandbox's deliveries: the last attempt of each, status and body. */
export interface Answers {
  workerId: string;
  valid: Answer;
  retry: Answer;
  unknownType: Answer;
  badSignature: Answer;
}

export interface Answer {
  status: number | null;
  attempts: number;
  body: unknown;
}

function answerOf(attempts: DeliveryAttempt[]): Answer {
  const last = attempts.at(-1);
  if (!last) throw new Error('no delivery attempt was made');
  return {
    status: last.status,
    attempts: attempts.length,
    body: last.responseBody === null ? null : JSON.parse(last.responseBody),
  };
}

/**
 * Signed deliveries from the sandbox's gateway to a receiver at `url` that knows `secret`: a valid event
 * (`worker.onboarded`), its redelivery (`resend`: the same `webhook-id`, signed afresh, as a retry is), an
 * event type no `@listo/events` release knows, and a delivery signed with another key (one attempt).
 */
export async function sendDeliveries(sandbox: Sandbox, url: string, secret: string): Promise<Answers> {
  const subscription = sandbox.subscribe({ url, secret });
  try {
    const sent = (webhookId: string) =>
      sandbox.deliveries.filter((a) => a.webhookId === webhookId && a.url === url);
    const onboarded = sandbox.trigger('worker.onboarded');
    await sandbox.waitForDeliveries();
    const valid = answerOf(sent(onboarded.event.id));
    const resent = await sandbox.resend(onboarded.event.id, { subscriptionId: subscription.id });
    const retry = answerOf(resent.deliveries.flatMap((d) => d.attempts));
    const future = sandbox.trigger('client.archived');
    await sandbox.waitForDeliveries();
    const unknownType = answerOf(sent(future.event.id));
    const forged = fixtureEvent('client.created', 1);
    const outcome = await deliver({
      deliveryId: 'forged',
      subscriptionId: null,
      url,
      webhookId: forged.id,
      eventType: forged.type,
      body: JSON.stringify(forged),
      secrets: () => [generateSecret()],
      policy: resolveDeliveryPolicy({ maxAttempts: 1 }),
    });
    const workerId = (onboarded.event.data as { workerId: string }).workerId;
    return { workerId, valid, retry, unknownType, badSignature: answerOf(outcome.attempts) };
  } finally {
    sandbox.unsubscribe(subscription.id);
  }
}
