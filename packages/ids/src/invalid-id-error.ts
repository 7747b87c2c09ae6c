import type { IdKind } from './id-prefixes';
import { ID_SUFFIX_DESCRIPTION } from './id-suffix';

/** How much of a rejected value an error message may show: enough to recognise it, never a whole token. */
const EXCERPT_LENGTH = 12;

/** Describes a rejected value without echoing more than a short excerpt of it. */
export function describeRejectedValue(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  if (value.length === 0) return 'an empty string';
  const excerpt = value.length > EXCERPT_LENGTH ? `${value.slice(0, EXCERPT_LENGTH)}…` : value;
  return `${JSON.stringify(excerpt)} (${value.length} ${value.length === 1 ? 'character' : 'characters'})`;
}

/** Thrown by `assertId` when a value is not an ID of the expected kind. */
export class InvalidIdError extends TypeError {
  override readonly name = 'InvalidIdError' as const;
  /** The kind that was expected. */
  readonly kind: IdKind;
  /** The prefix an ID of that kind starts with. */
  readonly expectedPrefix: string;

  /** An error naming the kind and the expected prefix (never the value itself). */
  constructor(kind: IdKind, expectedPrefix: string, value: unknown) {
    super(
      `Expected a Listo ${kind} ID: "${expectedPrefix}" followed by ${ID_SUFFIX_DESCRIPTION}; got ${describeRejectedValue(value)}.`,
    );
    this.kind = kind;
    this.expectedPrefix = expectedPrefix;
  }
}
