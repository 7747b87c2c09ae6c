import { createWebhookHandler } from '@listo/webhook-handler';
import { createNodeMiddleware } from '@listo/webhook-handler/node';
import express from 'express';

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

const app = express();
// Before any JSON body parser: the signature is over the raw bytes.
app.post('/webhooks/listo', createNodeMiddleware(listo));
app.use(express.json()); // your other routes

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
app.listen(port, host, () => console.log(`listening on http://${host}:${port}/webhooks/listo`));
