import { ID_KINDS, ID_PREFIXES, type IdKind } from './id-prefixes';
import { ID_SUFFIX_SOURCE } from './id-suffix';
import type { Id } from './id-types';
import { InvalidIdError } from './invalid-id-error';

const URL_SAFE_SUFFIX = new RegExp(`^${ID_SUFFIX_SOURCE}$`);

function hasOwnKind(kind: unknown): kind is IdKind {
  return typeof kind === 'string' && Object.hasOwn(ID_PREFIXES, kind);
}

/**
 * Whether `value` is an ID of `kind`: its exact, case-sensitive prefix followed by a non-empty,
 * URL-safe suffix. Never throws, whatever `value` is.
 */
export function isId<K extends IdKind>(kind: K, value: unknown): value is Id<K> {
  if (typeof value !== 'string' || !hasOwnKind(kind)) return false;
  const prefix = ID_PREFIXES[kind];
  return value.startsWith(prefix) && URL_SAFE_SUFFIX.test(value.slice(prefix.length));
}

/** The kind of a valid ID, or `undefined` when `value` is not a valid ID of any kind. Never throws. */
export function idKind(value: unknown): IdKind | undefined {
  if (typeof value !== 'string') return undefined;
  for (const kind of ID_KINDS) {
    // Prefixes are prefix-free (none starts another), so at most one kind matches.
    if (isId(kind, value)) return kind;
  }
  return undefined;
}

/** Returns `value` typed as an ID of `kind`, or throws {@link InvalidIdError}. */
export function assertId<K extends IdKind>(kind: K, value: unknown): Id<K> {
  if (isId(kind, value)) return value;
  const prefix = hasOwnKind(kind) ? ID_PREFIXES[kind] : '(unknown kind)';
  throw new InvalidIdError(kind, prefix, value);
}
