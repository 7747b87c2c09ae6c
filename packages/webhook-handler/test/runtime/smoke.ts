// Bundled (with its dependencies) and run by runtimes.test.ts in Vercel's Edge runtime emulator and in Deno: the
// handler on a Web runtime, with deliveries that standardwebhooks signed in the test.
import { createWebhookHandler } from '../../src/index';

export interface SmokeDelivery {
  readonly name: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export async function smoke(secret: string, deliveries: readonly SmokeDelivery[]): Promise<unknown> {
  const seen: string[] = [];
  const handler = createWebhookHandler({
    secret,
    handlers: {
      'client.created': {
        1: async (event, delivery) => {
          seen.push(`client.created ${event.data.name} attempt ${delivery.attempt}`);
        },
      },
      'worker.onboarded': {
        1: () => {
          throw new Error('not today');
        },
      },
      otherwise: (event) => void seen.push(`otherwise ${event.type}`),
      invalid: (error) => void seen.push(`invalid ${error.path}`),
    },
    hooks: { onFailed: () => {} },
  });
  const answers: Record<string, unknown> = {};
  for (const { name, headers, body } of deliveries) {
    const response = await handler.fetch(
      new Request('https://receiver.example/webhooks/listo', { method: 'POST', headers, body }),
    );
    answers[name] = [response.status, await response.json()];
  }
  return { answers, seen };
}
