import { createWebhookHandler } from '@listo/webhook-handler';

/** The handler of both routes. Next.js bundles each runtime apart: the Node.js and the Edge route each get an
 * instance of their own, and so a dedupe store of their own (use a shared, durable store in production). */
export const listo = createWebhookHandler({
  // A function: read on the first delivery, not while `next build` evaluates this module without your secrets.
  secret: () => process.env.LISTO_WEBHOOK_SECRET!,
  handlers: {
    'worker.onboarded': {
      1: (event, delivery) =>
        console.log(`worker.onboarded ${event.data.workerId} (attempt ${delivery.attempt})`),
    },
    // Every other event, known or not: acknowledged, so Listo does not retry it.
    otherwise: (event) => console.log(`not handled here: ${event.type} v${event.dataVersion}`),
  },
});
