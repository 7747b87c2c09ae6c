import { createWebhookHandler } from '@listo/webhook-handler';
import Fastify from 'fastify';

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

const app = Fastify();
app.register(async (scope) => {
  // In this scope only, every body stays raw bytes: the signature is over them, and the handler answers a
  // wrong content type itself (415). Fastify answers a body over 1 MiB (413), the handler's own limit.
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  scope.post('/webhooks/listo', async (request, reply) => {
    // `handle` takes the request's parts; its answer is the status, headers and body to send.
    const answer = await listo.handle({
      method: request.method,
      headers: request.headers,
      contentType: request.headers['content-type'],
      contentLength: request.headers['content-length'],
      readBody: async () => (Buffer.isBuffer(request.body) ? request.body : new Uint8Array()),
    });
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  });
});

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
await app.listen({ port, host });
console.log(`listening on http://${host}:${port}/webhooks/listo`);
