import { ID_PREFIXES, type IdKind, isId } from '@listo/ids';
import { badRequest } from './http-error';

/** Path parameters that are Listo IDs, with the kind each must be; a wrong prefix is a 400. */
const ID_PARAMS: Record<string, IdKind> = {
  instanceIntegrationId: 'installation',
  clientId: 'client',
  userId: 'user',
  workerId: 'worker',
  contractId: 'contract',
};

export type Params = Record<string, string>;

export interface Route<C> {
  method: string;
  /** A path template such as `/v1/instance-integrations/{instanceIntegrationId}/clients`. */
  path: string;
  handle: (params: Params, context: C) => unknown;
}

interface CompiledRoute<C> extends Route<C> {
  segments: string[];
}

/** What {@link Router.match} found. */
export type RouteMatch<C> =
  | { route: Route<C>; params: Params }
  /** A template matches the path, under other methods only (a 405, with these in its `Allow` header). */
  | { allowed: string[] }
  /** No template matches the path (a 404). */
  | undefined;

/** `/a/b` → `['a', 'b']`; `//a/` → `['', 'a', '']`: an empty segment matches no template, so it is a 404. */
function segmentsOf(pathname: string): string[] {
  return pathname.slice(1).split('/');
}

/** A tiny exact-segment router: enough for a few dozen fixed templates, with no dependency. */
export class Router<C> {
  readonly #routes: CompiledRoute<C>[] = [];

  add(method: string, path: string, handle: Route<C>['handle']): this {
    this.#routes.push({ method, path, handle, segments: segmentsOf(path) });
    return this;
  }

  /** Every `METHOD /template` this router serves. */
  routes(): { method: string; path: string }[] {
    return this.#routes.map(({ method, path }) => ({ method, path }));
  }

  /**
   * The route for `method` and `pathname` with its decoded parameters. `HEAD` is served by the `GET` route
   * (RFC 9110 §9.3.2). Malformed ID parameters throw a 400.
   */
  match(method: string, pathname: string): RouteMatch<C> {
    const parts = segmentsOf(pathname);
    const wanted = method === 'HEAD' ? 'GET' : method;
    const allowed = new Set<string>();
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== wanted) {
        allowed.add(route.method);
        if (route.method === 'GET') allowed.add('HEAD');
        continue;
      }
      for (const [name, value] of Object.entries(params)) {
        const kind = ID_PARAMS[name];
        if (kind && !isId(kind, value))
          throw badRequest(`Invalid ${name}: expected an ID starting with "${ID_PREFIXES[kind]}"`);
      }
      return { route, params };
    }
    return allowed.size > 0 ? { allowed: [...allowed].sort() } : undefined;
  }
}

function matchSegments(template: readonly string[], parts: readonly string[]): Params | undefined {
  if (template.length !== parts.length) return undefined;
  const raw: [string, string][] = [];
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      if (actual === '') return undefined;
      raw.push([expected.slice(1, -1), actual]);
    } else if (expected !== actual) return undefined;
  }
  // Decoded only once the whole template matched, so a bad escape in a path no template serves is a 404.
  const params: Params = {};
  for (const [name, value] of raw) {
    try {
      params[name] = decodeURIComponent(value);
    } catch {
      throw badRequest(`Malformed path segment: ${value}`);
    }
  }
  return params;
}
