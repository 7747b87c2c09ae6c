import { createWebhookHandler } from '@listo/webhook-handler';

const listo = createWebhookHandler({
  secret: Deno.env.get('LISTO_WEBHOOK_SECRET')!, // "whk_…": throws at start-up when it is missing or malformed
  handlers: {
    'worker.onboarded': {
      1: (event, delivery) =>
        console.log(`worker.onboarded ${event.data.workerId} (attempt ${delivery.attempt})`),
    },
    // Every other event, known or not: acknowledged, so Listo does not retry it.
    otherwise: (event) => console.log(`not handled here: ${event.type} v${event.dataVersion}`),
  },
});

const port = Number(Deno.env.get('PORT') ?? 3000);
const hostname = Deno.env.get('HOST') ?? '127.0.0.1';
Deno.serve(
  { port, hostname, onListen: () => console.log(`listening on http://${hostname}:${port}/webhooks/listo`) },
  (request) =>
    new URL(request.url).pathname === '/webhooks/listo'
      ? listo.fetch(request)
      : new Response('Not Found', { status: 404 }),
);
