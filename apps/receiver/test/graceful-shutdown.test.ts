import { connect } from 'node:net';
import { makeEvent } from '@listo/events/fixtures';
import { Webhook } from '@listo/webhooks';
import { describe, expect, it } from 'vitest';
import { openStore } from '../src/store/receiver-store';
import { STORE_BACKENDS } from './support/databases';
import { SECRET, startTestReceiver } from './support/receiver';

describe('graceful shutdown', () => {
  it('stops accepting connections, finishes the request in flight, then closes the store', async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    const receiver = await startTestReceiver(prepared.options);
    const event = makeEvent('client.created', 1);
    const body = JSON.stringify(event);
    const ts = Math.floor(Date.now() / 1000);

    // A delivery whose body is still arriving when shutdown starts.
    const socket = connect(receiver.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    let response = '';
    socket.on('data', (b) => {
      response += b.toString();
    });
    socket.write(
      `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
        `webhook-id: ${event.id}\r\nwebhook-timestamp: ${ts}\r\nwebhook-signature: ${new Webhook(SECRET).sign(event.id, ts, body)}\r\n\r\n` +
        body.slice(0, 50),
    );
    await new Promise((r) => setTimeout(r, 100));

    let closed = false;
    const closing = receiver.close().then(() => {
      closed = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    // New connections are refused while the old request is still being served.
    await expect(fetch(`${receiver.url}/healthz`)).rejects.toThrow();
    expect(closed).toBe(false);

    socket.end(body.slice(50));
    await closing;
    expect(response).toMatch(/^HTTP\/1\.1 200/);

    // What was acknowledged was committed before the store closed.
    const store = await openStore(prepared.options);
    expect(await store.getDelivery(event.id)).toMatchObject({ webhookId: event.id });
    await store.close();
    await prepared.cleanup();
  });
});
