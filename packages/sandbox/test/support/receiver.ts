import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body, exactly as received. */
  body: string;
  receivedAt: number;
}

/**
 * What the test receiver does with a request: answer with a status (and a body of its own), never answer, or
 * drop the connection.
 */
export type Reaction = number | { status: number; body: string } | 'hang' | 'destroy';

/**
 * A real loopback webhook receiver for tests: records every request and reacts as `react` says
 * (200 by default), so retries, timeouts and network errors are provoked for real.
 */
export async function startReceiver(
  react: (request: ReceivedRequest, index: number) => Reaction | Promise<Reaction> = () => 200,
) {
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const received: ReceivedRequest = {
      method: req.method ?? '',
      path: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString('utf8'),
      receivedAt: Date.now(),
    };
    const index = requests.push(received) - 1;
    const reaction = await react(received, index);
    if (reaction === 'hang') {
      hanging.add(res);
      return;
    }
    if (reaction === 'destroy') {
      req.socket.destroy();
      return;
    }
    const { status, body } =
      typeof reaction === 'number' ? { status: reaction, body: reaction < 300 ? 'ok' : 'nope' } : reaction;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/listo`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A Listo signing key (`whk_` + base64url of 32 bytes) and the same key in Standard Webhooks' format. */
export function makeSecret(byte: number): { whk: string; whsec: string } {
  const key = Buffer.alloc(32, byte);
  return { whk: `whk_${key.toString('base64url')}`, whsec: `whsec_${key.toString('base64')}` };
}
