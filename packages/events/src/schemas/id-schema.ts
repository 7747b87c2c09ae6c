import { ID_PREFIXES, ID_SUFFIX_DESCRIPTION, ID_SUFFIX_SOURCE, type Id, type IdKind } from '@listo/ids';
import * as z from 'zod';

// The suffix rule has one home, @listo/ids; the pattern zod builds from these parts is `idPattern(kind)`, which the
// tests check.
const suffix = z.string().regex(new RegExp(`^${ID_SUFFIX_SOURCE}$`));

/**
 * A Listo ID of `kind`: the exact prefix from `@listo/ids` followed by its URL-safe suffix, typed as the
 * template-literal ID type (`lglsocli_${string}` …). A template-literal schema, so its JSON Schema is a
 * plain `pattern` and the check is one regular expression.
 */
export function idSchema<K extends IdKind>(kind: K): z.ZodTemplateLiteral<Id<K>> {
  const prefix = ID_PREFIXES[kind];
  return z.templateLiteral([prefix, suffix], {
    error: `Invalid input: expected a Listo ${kind} ID (${prefix} and ${ID_SUFFIX_DESCRIPTION})`,
  }) as unknown as z.ZodTemplateLiteral<Id<K>>;
}
