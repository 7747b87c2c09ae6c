import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { Webhook, WebhookVerificationError } from '../src/index';
import { EVENT, SECRET, signedDelivery } from './support/deliveries';

const webhook = new Webhook(SECRET);
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
});

function build(): FastifyInstance {
  // README: Fastify
  const app = Fastify();
  app.register(async (scope) => {
    // Keep the raw bytes for this route only: Fastify would otherwise parse JSON before the handler.
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) =>
      done(null, body),
    );
    scope.post('/webhooks/listo', async (request, reply) => {
      try {
        const event = webhook.verify(request.body as Buffer, request.headers);
        return { received: (event as { id: string }).id };
      } catch (error) {
        if (error instanceof WebhookVerificationError)
          return reply.code(error.status).send({ error: error.code });
        throw error;
      }
    });
  });
  return app;
}

describe('with Fastify (the README example)', () => {
  it('verifies a delivery sent over a real socket', async () => {
    app = build();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const delivery = signedDelivery();
    const response = await fetch(`${url}/webhooks/listo`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body,
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: EVENT.id });
  });

  it('rejects a tampered body with 401', async () => {
    app = build();
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const delivery = signedDelivery();
    const response = await fetch(`${url}/webhooks/listo`, {
      method: 'POST',
      headers: delivery.headers,
      body: delivery.body.replace('Acme', 'Evil'),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: 'no_matching_signature' });
  });
});
