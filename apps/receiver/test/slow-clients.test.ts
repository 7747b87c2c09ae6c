import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config';
import type { RunningReceiver } from '../src/server';
import { STORE_BACKENDS } from './support/databases';
import { SECRET, startTestReceiver } from './support/receiver';

/**
 * Drips `text` one byte every `everyMs` until the server closes the connection; resolves with what the server
 * answered and how much of `text` had been sent by then.
 */
function drip(port: number, text: string, everyMs: number) {
  return new Promise<{ answer: string; sent: number }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < text.length) socket.write(text[sent++]!);
    }, everyMs);
    socket.on('data', (b) => {
      answer += b.toString('latin1');
    });
    const done = () => {
      clearInterval(timer);
      resolve({ answer, sent });
    };
    socket.on('close', done);
    socket.on('error', () => {});
  });
}

describe('slow clients', () => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const prepared = await STORE_BACKENDS[0]!.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(prepared.options, {
      http: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 },
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  // 400 ms a byte: the whole request would take minutes; the limits are seconds.
  const headers =
    'POST /webhooks/listo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
    `X-Padding: ${'a'.repeat(400)}\r\n\r\n`;

  it('drops a client that sends its headers a byte at a time (slowloris) once the headers timeout passes', async () => {
    const { answer, sent } = await drip(receiver.port, headers, 400);
    expect(sent).toBeLessThan(headers.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
  });

  it('drops a client that sends its body a byte at a time once the request timeout passes', async () => {
    const socket = connect(receiver.port, '127.0.0.1');
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (b) => {
        answer += b.toString('latin1');
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', () => {});
    });
    const body = JSON.stringify({ id: 'lglsoevt_slow', padding: 'x'.repeat(400) });
    socket.write(
      'POST /webhooks/listo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `webhook-id: lglsoevt_slow\r\nwebhook-timestamp: ${Math.floor(Date.now() / 1000)}\r\n` +
        `webhook-signature: v1,AAAA\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < body.length) socket.write(body[sent++]!);
    }, 400);
    const answer = await closed;
    clearInterval(timer);
    expect(sent).toBeLessThan(body.length);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    // The receiver is fine and still answers everybody else.
    expect((await fetch(`${receiver.url}/healthz`)).status).toBe(200);
  });

  it('reads its limits from the environment, with defaults suited to a webhook endpoint', () => {
    expect(loadConfig({ LISTO_WEBHOOK_SECRET: SECRET }).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 20_000,
    });
    expect(() =>
      loadConfig({
        LISTO_WEBHOOK_SECRET: SECRET,
        RECEIVER_HEADERS_TIMEOUT_MS: '5000',
        RECEIVER_REQUEST_TIMEOUT_MS: '1000',
      }),
    ).toThrow(/RECEIVER_HEADERS_TIMEOUT_MS must not exceed RECEIVER_REQUEST_TIMEOUT_MS/);
  });
});
