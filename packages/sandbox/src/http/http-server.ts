import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constantTimeEqual } from '@listo/webhooks';
import { badRequest, methodNotAllowed, notFound, SandboxHttpError } from './http-error';
import { type RouteMatch, Router } from './router';

/** `/__health`: answered before the key check, so a script can wait for the sandbox to be up. */
const HEALTH = new Router<unknown>().add('GET', '/__health', () => undefined);

/** Admin request bodies are small JSON documents; anything bigger is a mistake. */
const MAX_BODY_BYTES = 1_000_000;

export interface RequestContext {
  body: unknown;
  query: URLSearchParams;
}

/**
 * Serves a request outside the REST API and the admin endpoint (e.g. the OIDC provider, which does not use
 * `x-api-key`); resolves `true` when it handled the request, `false` to let the sandbox carry on.
 */
export type SandboxRequestHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;

export interface HttpServerOptions<R, A> {
  /** Tried in order before the API key check. */
  handlers?: readonly SandboxRequestHandler[];
  host: string;
  port: number;
  apiKey: string;
  rest: Router<R>;
  restContext: () => R;
  admin: Router<A & RequestContext>;
  adminContext: () => A;
}

/** The origin request targets are resolved against; only their path and query are ever read. */
const ORIGIN = 'http://sandbox.invalid';

/**
 * The request target as a URL. An origin-form target (`/path?query`) is a path even when it starts with
 * `//`, which `new URL(target, base)` would read as a host; an absolute-form target (`http://host/path`,
 * RFC 9112 §3.2.2) keeps only its path and query. Anything else (`*`, garbage) is `undefined`.
 */
export function requestUrl(target: string): URL | undefined {
  if (target.startsWith('/')) return new URL(`${ORIGIN}${target}`);
  try {
    const absolute = new URL(target);
    if (absolute.protocol === 'http:' || absolute.protocol === 'https:') {
      return new URL(`${ORIGIN}${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // not a URL at all
  }
  return undefined;
}

/** The route a request resolves to, or the 404 / 405 (with its `Allow` header) that answers it. */
function routeOf<C>(router: Router<C>, method: string, pathname: string) {
  const found: RouteMatch<C> = router.match(method, pathname);
  if (!found) throw notFound(`Cannot ${method} ${pathname}`);
  if ('allowed' in found) throw methodNotAllowed(method, pathname, found.allowed);
  return found;
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/**
 * The sandbox's HTTP front: Listo's REST API, plus `/__admin/*` for mutations, subscriptions, chaos and the
 * delivery log. Both want the same `x-api-key`; every error has Listo's `{ statusCode, message }` shape.
 */
export async function startHttpServer<R, A>(
  options: HttpServerOptions<R, A>,
): Promise<{ server: Server; url: string }> {
  const expectedKey = sha256(options.apiKey);
  const authorized = (request: IncomingMessage): boolean => {
    const given = request.headers['x-api-key'];
    // Compare digests so the check takes the same time whatever the given key's length and content.
    return typeof given === 'string' && constantTimeEqual(sha256(given), expectedKey);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      const failure =
        error instanceof SandboxHttpError ? error : new SandboxHttpError(500, 'Internal server error');
      if (!(error instanceof SandboxHttpError)) console.error('[listo-sandbox]', error);
      send(response, failure.statusCode, failure.toJSON(), failure.headers);
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const url = requestUrl(request.url ?? '/');
    if (!url) {
      request.resume();
      throw badRequest('Malformed request target');
    }
    if (url.pathname === '/__health') {
      request.resume();
      routeOf(HEALTH, method, url.pathname);
      return send(response, 200, { ok: true });
    }
    for (const handler of options.handlers ?? []) {
      if (await handler(request, response, url)) return;
    }
    if (!authorized(request)) {
      request.resume();
      const message = request.headers['x-api-key'] === undefined ? 'Missing API key' : 'Invalid API key';
      throw new SandboxHttpError(401, message);
    }
    if (url.pathname.startsWith('/__admin/')) {
      const body = await readJson(request);
      const found = routeOf(options.admin, method, url.pathname);
      const result = await found.route.handle(found.params, {
        ...options.adminContext(),
        body,
        query: url.searchParams,
      });
      return send(response, method === 'POST' ? 201 : 200, result ?? { ok: true });
    }
    request.resume();
    const found = routeOf(options.rest, method, url.pathname);
    return send(response, 200, await found.route.handle(found.params, options.restContext()));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return { server, url: `http://${host}:${port}` };
}

/** Answers JSON. To a `HEAD`, Node sends the same headers (the length included) and leaves the body out. */
function send(
  response: ServerResponse,
  statusCode: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(statusCode, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new SandboxHttpError(413, 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw badRequest('The request body is not valid JSON');
  }
}

export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}
