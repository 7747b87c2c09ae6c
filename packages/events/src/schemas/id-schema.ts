import { ID_PREFIXES, type Id, type IdKind } from '@listo/ids';
import { z } from 'zod';

/** Same rule as `isId` in @listo/ids: a non-empty suffix of URL-safe characters. */
const ID_SUFFIX = /^[A-Za-z0-9_-]+$/;

/**
 * A Listo ID of `kind`: the exact prefix from `@listo/ids` followed by a URL-safe suffix, typed as the
 * template-literal ID type (`lglsocli_${string}` …). A template-literal schema, so its JSON Schema is a
 * plain `pattern` and the check is one regular expression.
 */
export function idSchema<K extends IdKind>(kind: K): z.ZodTemplateLiteral<Id<K>> {
  const prefix = ID_PREFIXES[kind];
  return z.templateLiteral([prefix, z.string().regex(ID_SUFFIX)], {
    error: `Invalid input: expected a Listo ${kind} ID (${prefix} and one or more of [A-Za-z0-9_-])`,
  }) as unknown as z.ZodTemplateLiteral<Id<K>>;
}
