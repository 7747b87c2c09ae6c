const PATH_PARAMETER = /\{([^{}]+)\}/g;

/**
 * Encodes one path parameter so that it cannot leave its segment: `/`, `?`, `#`, `%` and `\` are
 * percent-encoded, and the values URL parsers treat as `.`/`..` segments are refused outright, since
 * no encoding survives normalisation for them.
 */
export function encodePathSegment(name: string, value: unknown): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(`Path parameter "${name}" must be a non-empty string.`);
  }
  const encoded = encodeURIComponent(value);
  if (/^(?:\.|%2e){1,2}$/i.test(encoded)) {
    throw new TypeError(`Path parameter "${name}" must not be a dot segment.`);
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
