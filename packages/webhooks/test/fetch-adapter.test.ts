import { describe, expect, it } from 'vitest';
import { readRequestBody, verifyRequest } from '../src/fetch/index';
import { Webhook, WebhookVerificationError } from '../src/index';
import { EVENT, SECRET, signedDelivery } from './support/deliveries';

const webhook = new Webhook(SECRET);

function request(delivery = signedDelivery(), init: RequestInit = {}): Request {
  return new Request('http://127.0.0.1/webhooks/listo', {
    method: 'POST',
    headers: delivery.headers,
    body: delivery.body,
    ...init,
  });
}

async function rejection(promise: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}

describe('verifyRequest', () => {
  it('verifies a Fetch Request and resolves to the parsed event', async () => {
    await expect(verifyRequest(request(), webhook)).resolves.toEqual(EVENT);
  });

  it('reads a streamed body of several chunks', async () => {
    const delivery = signedDelivery();
    const bytes = new TextEncoder().encode(delivery.body);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 16) controller.enqueue(bytes.slice(i, i + 16));
        controller.close();
      },
    });
    const streamed = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers: delivery.headers,
      body,
      duplex: 'half',
    } as RequestInit);
    await expect(verifyRequest(streamed, webhook)).resolves.toEqual(EVENT);
  });

  it('rejects a request whose body was already read, saying how to fix it', async () => {
    const req = request();
    await req.json();
    const error = await rejection(verifyRequest(req, webhook));
    expect(error.code).toBe('body_already_parsed');
    expect(error.message).toMatch(/request\.clone\(\)/);
  });

  it('rejects a body over the limit, by content-length or while streaming', async () => {
    const declared = await rejection(verifyRequest(request(), webhook, { limit: 10 }));
    expect([declared.code, declared.status]).toEqual(['payload_too_large', 413]);
    const delivery = signedDelivery();
    const headers = new Headers(delivery.headers);
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8)); // an endless body: reading must stop at the limit
      },
    });
    const endless = new Request('http://127.0.0.1/', {
      method: 'POST',
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    expect((await rejection(readRequestBody(endless, { limit: 100 }))).code).toBe('payload_too_large');
  });

  it('rejects a bad signature with no_matching_signature', async () => {
    const delivery = signedDelivery();
    delivery.headers['webhook-signature'] = `v1,${'A'.repeat(43)}=`;
    expect((await rejection(verifyRequest(request(delivery), webhook))).code).toBe('no_matching_signature');
  });

  it('reads an empty body as empty bytes', async () => {
    const empty = new Request('http://127.0.0.1/', { method: 'POST' });
    await expect(readRequestBody(empty)).resolves.toEqual(new Uint8Array(0));
  });
});
