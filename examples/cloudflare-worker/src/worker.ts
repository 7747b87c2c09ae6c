import { createWebhookHandler, type WebhookHandler } from '@listo/webhook-handler';

interface Env {
  LISTO_WEBHOOK_SECRET: string;
}

// A Worker reads its secrets from `env`, given with each request: the handler is made on the first one and
// kept for the isolate's life. Its default store dedupes within one isolate; use a durable store (D1, a
// Durable Object) when deduplication must hold across isolates.
let listo: WebhookHandler | undefined;

function handlerFor(env: Env): WebhookHandler {
  listo ??= createWebhookHandler({
    secret: env.LISTO_WEBHOOK_SECRET, // "whk_…": a missing or malformed key throws on the first request
    handlers: {
      'worker.onboarded': {
        1: (event, delivery) =>
          console.log(`worker.onboarded ${event.data.workerId} (attempt ${delivery.attempt})`),
      },
      // Every other event, known or not: acknowledged, so Listo does not retry it.
      otherwise: (event) => console.log(`not handled here: ${event.type} v${event.dataVersion}`),
    },
  });
  return listo;
}

export default {
  fetch(request, env) {
    if (new URL(request.url).pathname !== '/webhooks/listo')
      return new Response('Not Found', { status: 404 });
    return handlerFor(env).fetch(request);
  },
} satisfies ExportedHandler<Env>;
