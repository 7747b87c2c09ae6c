import createClient from 'openapi-fetch';
import type { ListoRawClient } from './listo-client';
import { serializePath } from './path-segment';
import type { Transport } from './transport';

const NULL_BODY_STATUSES: ReadonlySet<number> = new Set([101, 204, 205, 304]);

/**
 * openapi-fetch over the client's transport: the Request openapi-fetch builds is taken apart and sent like
 * any other (credentials, same-origin rule, timeouts, retries of safe methods only), and the whole body it
 * read comes back as a fresh Response for openapi-fetch to parse.
 */
export function createRawClient(transport: Transport, baseUrl: string): ListoRawClient {
  async function send(request: Request): Promise<Response> {
    const exchange = await transport.send({
      method: request.method,
      url: request.url,
      path: new URL(request.url).pathname,
      headers: request.headers,
      // Read once, so that each attempt can send it again.
      body: request.body === null ? null : await request.arrayBuffer(),
      signal: request.signal,
    });
    const { status, statusText, headers, body } = exchange;
    return new Response(NULL_BODY_STATUSES.has(status) || body.byteLength === 0 ? null : body, {
      status,
      statusText,
      headers,
    });
  }
  return createClient({ baseUrl, fetch: send, pathSerializer: serializePath });
}
