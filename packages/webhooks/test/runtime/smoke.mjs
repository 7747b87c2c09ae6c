// Exercises the built package the way a Web runtime uses it. Run by runtimes.test.ts in Bun, Deno and workerd;
// it only uses Web APIs, so it also shows the entries need nothing from Node.
import { verifyRequest } from './fetch.js';
import { Webhook, WebhookVerificationError } from './index.js';

const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  msgId: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
};

async function code(promise) {
  return promise.then(
    () => 'accepted',
    (error) => (error instanceof WebhookVerificationError ? error.code : `unexpected: ${error}`),
  );
}

export async function smoke() {
  const webhook = new Webhook(VECTOR.secret);
  const listo = new Webhook('whk_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw');
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({ id: 'lglsoevt_1', type: 'client.created', data: { name: 'Zürich' } });
  const fresh = new Headers(await listo.signHeadersAsync('lglsoevt_1', now, body));
  const stale = new Headers(await webhook.signHeadersAsync('lglsoevt_1', now - 3600, body));
  let badSecret = 'accepted';
  try {
    new Webhook('whk_not base64');
  } catch (error) {
    badSecret = error.name;
  }
  let sync;
  try {
    sync = webhook.sign(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload);
  } catch (error) {
    sync = `error: ${error.message}`;
  }
  return {
    vector: await webhook.signAsync(VECTOR.msgId, VECTOR.timestamp, VECTOR.payload),
    verifyAsync: await webhook.verifyAsync(new TextEncoder().encode(body), fresh),
    verifyRequest: await verifyRequest(
      new Request('http://localhost/', { method: 'POST', headers: fresh, body }),
      listo,
    ),
    tampered: await code(webhook.verifyAsync(body.replace('Zürich', 'Zurich'), fresh)),
    stale: await code(webhook.verifyAsync(body, stale)),
    badSecret,
    sync,
  };
}
