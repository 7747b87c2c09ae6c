import { createWebhookHandler } from '@listo/webhook-handler';
import { Hono } from 'hono';

const listo = createWebhookHandler({
  secret: process.env.LISTO_WEBHOOK_SECRET!, // "whk_…": throws at start-up when it is missing or malformed
  handlers: {
    'worker.onboarded': {
      1: (event, delivery) =>
        console.log(`worker.onboarded ${event.data.workerId} (attempt ${delivery.attempt})`),
    },
    // Every other event, known or not: acknowledged, so Listo does not retry it.
    otherwise: (event) => console.log(`not handled here: ${event.type} v${event.dataVersion}`),
  },
});

const app = new Hono();
// `c.req.raw` is the Fetch Request, body unread: the handler verifies the raw bytes.
app.post('/webhooks/listo', (c) => listo.fetch(c.req.raw));

const server = Bun.serve({
  port: Number(process.env.PORT ?? 3000),
  hostname: process.env.HOST ?? '127.0.0.1',
  fetch: app.fetch,
});
console.log(`listening on ${server.url}webhooks/listo`);
