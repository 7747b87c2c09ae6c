import { ID_PREFIXES, type IdKind } from './id-prefixes';
import { ID_SUFFIX_SOURCE } from './id-suffix';

/**
 * The whole-string pattern of an ID of `kind`, as regular-expression source (`^lglsocli_[A-Za-z0-9_-]+$`): what a
 * JSON Schema `pattern`, an OpenAPI document or another language's validator needs. Prefixes contain no
 * characters that are special in a regular expression.
 */
export function idPattern(kind: IdKind): string {
  return `^${ID_PREFIXES[kind]}${ID_SUFFIX_SOURCE}$`;
}
