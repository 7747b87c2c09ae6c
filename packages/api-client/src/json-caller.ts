import { httpErrorMessage } from './error-message';
import type { Redaction } from './redaction';
import { bodyText } from './response-body';
import type { Exchange, Transport } from './transport';

/** GETs a path of the API and returns its JSON body, or rejects with a `ListoApiError`. */
export interface JsonCaller {
  get(path: string, signal: AbortSignal | undefined): Promise<unknown>;
  /** As `get`, for list endpoints: the body must be a JSON array. */
  getArray(path: string, signal: AbortSignal | undefined): Promise<unknown[]>;
}

export function createJsonCaller(transport: Transport, redaction: Redaction, baseUrl: string): JsonCaller {
  // The path prefix of baseUrl (`/gateway` in `https://host/gateway`), so errors name the path as sent.
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');

  function invalid(exchange: Exchange, problem: string) {
    return transport.fail(
      exchange,
      redaction.error({
        kind: 'invalid-response',
        statusCode: exchange.status,
        message: `HTTP ${exchange.status} with ${problem}.`,
        method: exchange.method,
        path: exchange.path,
        attempts: exchange.attempts,
      }),
    );
  }

  async function fetchJson(path: string, signal: AbortSignal | undefined, array: boolean): Promise<unknown> {
    const exchange = await transport.send({
      method: 'GET',
      url: baseUrl + path,
      path: basePath + path,
      signal,
    });
    const { status } = exchange;
    if (status < 200 || status > 299) {
      throw transport.fail(
        exchange,
        redaction.error({
          kind: 'http',
          statusCode: status,
          message: httpErrorMessage(exchange),
          method: exchange.method,
          path: exchange.path,
          attempts: exchange.attempts,
        }),
      );
    }
    if (exchange.body.byteLength === 0) throw invalid(exchange, 'an empty body; expected JSON');
    let body: unknown;
    try {
      body = JSON.parse(bodyText(exchange.body));
    } catch {
      throw invalid(exchange, 'a body that is not valid JSON');
    }
    // A list answered with anything but an array (a wrapper object, say) would be a pagination scheme this
    // version does not know: fail loudly rather than iterate nothing.
    if (array && !Array.isArray(body)) throw invalid(exchange, 'a body that is not a JSON array');
    return body;
  }

  return {
    get: (path, signal) => fetchJson(path, signal, false),
    getArray: (path, signal) => fetchJson(path, signal, true) as Promise<unknown[]>,
  };
}
