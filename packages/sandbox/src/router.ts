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

/** A tiny exact-segment router: enough for a few dozen fixed templates, with no dependency. */
export class Router<C> {
  readonly #routes: CompiledRoute<C>[] = [];

  add(method: string, path: string, handle: Route<C>['handle']): this {
    this.#routes.push({ method, path, handle, segments: path.split('/').filter(Boolean) });
    return this;
  }

  /** Every `METHOD /template` this router serves. */
  routes(): { method: string; path: string }[] {
    return this.#routes.map(({ method, path }) => ({ method, path }));
  }

  /**
   * The route for `method` and `pathname` with its decoded parameters; `undefined` when no template matches,
   * `'method-not-allowed'` when a template matches under another method. Malformed ID parameters throw a 400.
   */
  match(
    method: string,
    pathname: string,
  ): { route: Route<C>; params: Params } | 'method-not-allowed' | undefined {
    const parts = pathname.split('/').filter(Boolean);
    let otherMethod = false;
    for (const route of this.#routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      if (route.method !== method) {
        otherMethod = true;
        continue;
      }
      for (const [name, value] of Object.entries(params)) {
        const kind = ID_PARAMS[name];
        if (kind && !isId(kind, value))
          throw badRequest(`Invalid ${name}: expected an ID starting with "${ID_PREFIXES[kind]}"`);
      }
      return { route, params };
    }
    return otherMethod ? 'method-not-allowed' : undefined;
  }
}

function matchSegments(template: readonly string[], parts: readonly string[]): Params | undefined {
  if (template.length !== parts.length) return undefined;
  const params: Params = {};
  for (let i = 0; i < template.length; i++) {
    const expected = template[i] as string;
    const actual = parts[i] as string;
    if (expected.startsWith('{') && expected.endsWith('}')) {
      let value: string;
      try {
        value = decodeURIComponent(actual);
      } catch {
        throw badRequest(`Malformed path segment: ${actual}`);
      }
      params[expected.slice(1, -1)] = value;
    } else if (expected !== actual) return undefined;
  }
  return params;
}
