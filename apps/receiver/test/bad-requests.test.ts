import { connect } from 'node:net';
import { makeEvent } from '@listo/events/fixtures';
import { Webhook } from '@listo/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningReceiver } from '../src/server';
import { noticeWhenPostgresMissing, STORE_BACKENDS } from './support/databases';
import { SECRET, startTestReceiver } from './support/receiver';

noticeWhenPostgresMissing('bad requests');

/** Sends bytes exactly as given and returns the status line's code (undefined if the server just hung up). */
function rawRequest(port: number, chunks: (string | Buffer)[], options: { endAfter?: boolean } = {}) {
  return new Promise<{ status: number | undefined; text: string }>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.1 (\d{3})/.exec(text);
      resolve({ status: m ? Number(m[1]) : undefined, text });
    };
    const timer = setTimeout(finish, 3_000);
    socket.on('data', (b) => {
      text += b.toString('latin1');
      // One response is all we need; stop once its headers are in.
      if (text.includes('\r\n\r\n')) finish();
    });
    socket.on('error', finish);
    socket.on('close', finish);
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
      if (options.endAfter) socket.end();
    });
  });
}

function signedHeaders(id: string, body: string, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = new Webhook(SECRET).sign(id, timestamp, body);
  return `webhook-id: ${id}\r\nwebhook-timestamp: ${timestamp}\r\nwebhook-signature: ${signature}\r\n`;
}

describe.each(STORE_BACKENDS)('a corpus of bad requests ($name store)', (backend) => {
  let receiver: RunningReceiver;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    if (!backend.available) return;
    const prepared = await backend.prepare();
    cleanup = prepared.cleanup;
    receiver = await startTestReceiver(prepared.options);
  });
  afterAll(async () => {
    await receiver?.close();
    await cleanup?.();
  });

  const event = makeEvent('client.created', 1);
  const body = JSON.stringify(event);
  const post = (headers: string, payload: string | Buffer = body) =>
    rawRequest(receiver.port, [
      `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${headers}Content-Length: ${Buffer.byteLength(payload)}\r\n\r\n`,
      payload,
    ]);

  const corpus: {
    name: string;
    expected: number | number[];
    run: () => Promise<{ status: number | undefined }>;
  }[] = [
    ...['GET', 'PUT', 'DELETE', 'PATCH'].map((method) => ({
      name: `${method} instead of POST`,
      expected: 405,
      run: () =>
        rawRequest(receiver.port, [
          `${method} /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
        ]),
    })),
    { name: 'no Content-Type', expected: 415, run: () => post(signedHeaders(event.id, body)) },
    {
      name: 'Content-Type text/plain',
      expected: 415,
      run: () => post(`Content-Type: text/plain\r\n${signedHeaders(event.id, body)}`),
    },
    {
      name: 'Content-Type form-urlencoded',
      expected: 415,
      run: () => post(`Content-Type: application/x-www-form-urlencoded\r\n${signedHeaders(event.id, body)}`),
    },
    {
      name: 'no webhook headers at all',
      expected: 400,
      run: () => post('Content-Type: application/json\r\n'),
    },
    {
      name: 'a timestamp that is not a number',
      expected: 400,
      run: () =>
        post(
          `Content-Type: application/json\r\nwebhook-id: ${event.id}\r\nwebhook-timestamp: 1e9\r\nwebhook-signature: v1,AAAA\r\n`,
        ),
    },
    {
      name: 'a timestamp far beyond 64 bits',
      expected: [400, 401],
      run: () =>
        post(
          `Content-Type: application/json\r\nwebhook-id: ${event.id}\r\nwebhook-timestamp: ${'9'.repeat(40)}\r\nwebhook-signature: v1,AAAA\r\n`,
        ),
    },
    {
      name: 'a signature header without any v1 entry',
      expected: [400, 401],
      run: () =>
        post(`Content-Type: application/json\r\n${signedHeaders(event.id, body).replace(/v1,/, 'v9,')}`),
    },
    {
      name: 'a body altered after signing',
      expected: 401,
      run: () =>
        post(
          `Content-Type: application/json\r\n${signedHeaders(event.id, body)}`,
          body.replace('Hudson', 'Hudsen'),
        ),
    },
    {
      name: 'a truncated body signed in full',
      expected: 401,
      run: () =>
        post(`Content-Type: application/json\r\n${signedHeaders(event.id, body)}`, body.slice(0, 40)),
    },
    {
      name: 'a body cut short by the client hanging up (Content-Length larger than what was sent)',
      expected: [400, 0],
      run: () =>
        rawRequest(
          receiver.port,
          [
            `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n${signedHeaders(event.id, body)}Content-Length: ${body.length + 100}\r\n\r\n`,
            body,
          ],
          { endAfter: true },
        ),
    },
    {
      name: 'header injection: a bare CR inside webhook-id',
      expected: 400,
      run: () =>
        post(
          `Content-Type: application/json\r\nwebhook-id: ${event.id}\rX-Injected: 1\r\nwebhook-timestamp: 1\r\nwebhook-signature: v1,AAAA\r\n`,
        ),
    },
    {
      name: 'header injection: an encoded CRLF and spaces inside webhook-id',
      expected: 400,
      run: () =>
        post(`Content-Type: application/json\r\n${signedHeaders('lglsoevt_a%0d%0aX-Injected:%201 x', body)}`),
    },
    {
      name: 'webhook-id repeated with different values',
      expected: 400,
      run: () =>
        post(
          `Content-Type: application/json\r\nwebhook-id: lglsoevt_other\r\n${signedHeaders(event.id, body)}`,
        ),
    },
    {
      name: 'a NUL byte in a header',
      expected: 400,
      run: () =>
        post(
          `Content-Type: application/json\r\nwebhook-id: lglsoevt_\0nul\r\nwebhook-timestamp: 1\r\nwebhook-signature: v1,AAAA\r\n`,
        ),
    },
    {
      name: 'huge headers (64 KiB)',
      expected: 431,
      run: () =>
        post(
          `Content-Type: application/json\r\nX-Padding: ${'a'.repeat(64 * 1024)}\r\n${signedHeaders(event.id, body)}`,
        ),
    },
    {
      name: 'a Content-Length over 1 MiB',
      expected: 413,
      run: () =>
        rawRequest(receiver.port, [
          `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n${signedHeaders(event.id, body)}Content-Length: ${2 * 1024 * 1024}\r\n\r\n`,
          'x'.repeat(1024),
        ]),
    },
    {
      name: 'a chunked body that grows past 1 MiB',
      expected: 413,
      run: () => {
        const chunk = 'x'.repeat(64 * 1024);
        const chunks = Array.from({ length: 20 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`);
        return rawRequest(receiver.port, [
          `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n${signedHeaders(event.id, body)}Transfer-Encoding: chunked\r\n\r\n`,
          ...chunks,
          '0\r\n\r\n',
        ]);
      },
    },
    {
      name: 'both Content-Length and Transfer-Encoding (request smuggling)',
      expected: 400,
      run: () =>
        rawRequest(receiver.port, [
          `POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
        ]),
    },
    {
      name: 'a garbage request line',
      expected: 400,
      run: () => rawRequest(receiver.port, ['HELLO THERE\r\n\r\n']),
    },
    {
      name: 'an unknown path',
      expected: 404,
      run: () =>
        rawRequest(receiver.port, [
          'POST /webhooks/other HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n',
        ]),
    },
  ];

  describe.skipIf(!backend.available)('', () => {
    it.each(corpus)('answers $name with the right 4xx', async ({ expected, run }) => {
      const { status } = await run();
      const allowed = Array.isArray(expected) ? expected : [expected];
      // 0 stands for "the client hung up before any answer could reach it".
      expect(allowed).toContain(status ?? 0);
    });

    const operatorCorpus = [
      ['GET', '/api/deliveries/%00'],
      ['GET', '/api/deliveries/lglsoevt_a%00b'],
      ['GET', '/api/deliveries/%ED%A0%80'],
      ['GET', '/api/deliveries/%FF%FE'],
      ['GET', `/api/deliveries/${'a'.repeat(5000)}`],
      ['POST', '/api/dead-letters/%00/replay'],
      ['POST', '/api/dead-letters/%ED%A0%80/replay'],
      ['GET', '/api/deliveries?status=%00'],
      ['GET', '/api/deliveries?limit=%00'],
      ['GET', '/api/deliveries?limit=1e308'],
      ['GET', '/%00'],
      ['GET', '/api/%00'],
    ] as const;

    it.each(operatorCorpus)(
      'answers %s %s on an operator route with 400 or 404, never a 500',
      async (method, path) => {
        const { status } = await rawRequest(receiver.port, [
          `${method} ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
        ]);
        expect([200, 400, 404]).toContain(status);
      },
    );

    it('answers a delivery without its webhook headers at once, without waiting for the body', async () => {
      // Content-Length promises a megabyte that never comes: only the headers can be looked at.
      const { status } = await rawRequest(receiver.port, [
        'POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${1024 * 1024 - 1}\r\n\r\n`,
      ]);
      expect(status).toBe(400);
      const stale = await rawRequest(receiver.port, [
        'POST /webhooks/listo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\n' +
          `${signedHeaders(event.id, body, Math.floor(Date.now() / 1000) - 3600)}Content-Length: ${1024 * 1024 - 1}\r\n\r\n`,
      ]);
      expect(stale.status).toBe(401);
    });

    it('is still healthy and stored none of it', async () => {
      expect((await fetch(`${receiver.url}/healthz`)).status).toBe(200);
      expect(await receiver.store.listDeliveries()).toEqual([]);
    });
  });
});
