const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * A path parameter the client refuses to send: missing, empty, not a string, a `.`/`..` segment, or a
 * string that is not well-formed UTF-16 (a lone surrogate cannot be percent-encoded). Nothing is sent.
 * The message names the parameter, never its value.
 */
export class ListoParameterError extends TypeError {
  override readonly name = 'ListoParameterError' as const;
  /** The name of the parameter, e.g. `clientId`. */
  readonly parameter: string;

  /** An error naming the path parameter (`clientId`, …) and what is wrong with its value. */
  constructor(parameter: string, problem: string) {
    super(`Path parameter "${parameter}" ${problem}.`);
    this.parameter = parameter;
  }
}

/**
 * Encodes one path parameter so that it cannot leave its segment: `/`, `?`, `#`, `%` and `\` are
 * percent-encoded, and the values URL parsers treat as `.`/`..` segments are refused outright, since
 * no encoding survives normalisation for them.
 */
export function encodePathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new ListoParameterError(name, 'must be a non-empty string');
  }
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch {
    // URIError: a lone surrogate has no UTF-8 encoding.
    throw new ListoParameterError(name, 'must be well-formed text (it contains a lone surrogate)');
  }
  if (/^(?:\.|%2e){1,2}$/i.test(encoded)) {
    throw new ListoParameterError(name, 'must not be a dot segment');
  }
  return encoded;
}

/**
 * The path serializer given to openapi-fetch: substitutes every `{name}` in the template, and refuses a
 * missing parameter instead of sending the literal `{name}`.
 */
export function serializePath(url: string, params: Record<string, unknown>): string {
  return url.replace(PATH_PARAMETER, (_, name: string) => encodePathSegment(name, params[name]));
}

/** A path template split once into its literal parts and parameter names, in path order. */
export interface CompiledPath {
  readonly names: readonly string[];
  /** The path with `values[i]` encoded into the i-th parameter. */
  build(values: readonly unknown[]): string;
}

export function compilePath(template: string): CompiledPath {
  const names = [...template.matchAll(PATH_PARAMETER)].map((match) => match[1] as string);
  const literals = template.split(PATH_PARAMETER).filter((_, i) => i % 2 === 0);
  return {
    names,
    build(values) {
      let path = literals[0] as string;
      for (let i = 0; i < names.length; i++) {
        path += encodePathSegment(names[i] as string, values[i]) + (literals[i + 1] as string);
      }
      return path;
    },
  };
}
