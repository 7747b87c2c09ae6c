import type { z } from 'zod';
import { envelopeHeadSchema, SUPPORTED_SPEC_VERSION, type UnknownListoEvent } from '../envelope-schema';
import { DEFINITIONS, type KnownEventDefinition } from '../event-registry';
import type { ListoEvent } from '../event-types';
import { arrayElementsAtMost, boundedIssues, type FoundIssue } from './bounded-issues';
import {
  EventParseError,
  type EventParseErrorContext,
  type EventParseIssue,
  formatPath,
  MAX_ISSUES,
} from './event-parse-error';

/** What {@link parseEvent} returns. */
export type ParseEventResult =
  | { readonly kind: 'known'; readonly event: ListoEvent }
  | { readonly kind: 'unknown'; readonly event: UnknownListoEvent }
  | { readonly kind: 'invalid'; readonly error: EventParseError };

/**
 * Up to this many array elements in all, a plain zod parse is bounded work even when it fails (its issues are
 * bounded by the schema's size times this); past it, a failing event is explained by {@link boundedIssues}.
 */
const PLAIN_PARSE_ELEMENTS = 8;

function toEventIssue(issue: FoundIssue): EventParseIssue {
  return { path: formatPath(issue.path), segments: issue.path, message: issue.message, code: issue.code };
}

function invalid(
  found: readonly FoundIssue[],
  context: EventParseErrorContext,
  issueCount: number,
  truncated: boolean,
): ParseEventResult {
  const issues = found.slice(0, MAX_ISSUES).map(toEventIssue);
  return { kind: 'invalid', error: new EventParseError(issues, context, issueCount, truncated) };
}

/** zod's issues of a failed parse whose size is bounded: all counted, the first few kept. */
function invalidFromZod(error: z.ZodError, input: unknown): ParseEventResult {
  return invalid(error.issues, claimedContext(input), error.issues.length, false);
}

/** Best-effort description of what the input claims to be, for error messages. Never throws. */
function claimedContext(input: unknown): EventParseErrorContext {
  try {
    if (typeof input !== 'object' || input === null) return {};
    const { id, type, dataVersion } = input as Record<string, unknown>;
    return {
      eventId: typeof id === 'string' ? id.slice(0, 64) : undefined,
      type: typeof type === 'string' ? type.slice(0, 128) : undefined,
      dataVersion: typeof dataVersion === 'number' ? dataVersion : undefined,
    };
  } catch {
    return {};
  }
}

/**
 * Dispatch, in constant time: the definition of the input's (type, dataVersion), read from the three envelope
 * fields that identify a schema and looked up in the {@link DEFINITIONS} table, not found by trying each schema in
 * turn. Anything odd (not an object, a non-string type, another specVersion…) finds nothing.
 */
function findDefinition(input: unknown): KnownEventDefinition | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { specVersion, type, dataVersion } = input as Record<string, unknown>;
  return specVersion === SUPPORTED_SPEC_VERSION && typeof type === 'string' && typeof dataVersion === 'number'
    ? DEFINITIONS.get(type, dataVersion)
    : undefined;
}

/**
 * A known (type, dataVersion): one parse with its whole-event schema (envelope and data together). Work stays
 * bounded when the event is invalid: with few array elements the plain parse is, and with many the event is first
 * checked with zod's `validate` (which stops at the first issue), then explained issue by issue up to MAX_ISSUES.
 */
function parseKnown(definition: KnownEventDefinition, input: unknown): ParseEventResult {
  const schema: z.ZodType = definition.eventSchema;
  if (arrayElementsAtMost(schema, input, PLAIN_PARSE_ELEMENTS)) {
    const result = schema.safeParse(input);
    return result.success
      ? { kind: 'known', event: result.data as ListoEvent }
      : invalidFromZod(result.error, input);
  }
  if (schema.validate(input)) {
    const result = schema.safeParse(input);
    if (result.success) return { kind: 'known', event: result.data as ListoEvent };
  }
  const { issues, truncated } = boundedIssues(schema, input, MAX_ISSUES);
  return invalid(issues, claimedContext(input), issues.length, truncated);
}

function parse(input: unknown): ParseEventResult {
  if (typeof input === 'string') {
    return invalid(
      [
        {
          path: [],
          message: 'Expected the parsed JSON body (an object), got a string',
          code: 'invalid_type',
        },
      ],
      {},
      1,
      false,
    );
  }
  const definition = findDefinition(input);
  if (definition) return parseKnown(definition, input);
  // Anything else must at least be a valid envelope, which makes it `unknown`. `data` is only checked to be an
  // object and kept as it came: nothing here knows its shape, and copying it costs more than checking. The envelope
  // has no arrays, so its issues are bounded.
  const head = envelopeHeadSchema.safeParse(input);
  return head.success ? { kind: 'unknown', event: head.data } : invalidFromZod(head.error, input);
}

/** Returned when reading the input threw: built without looking at what was thrown, which may be hostile too. */
const UNREADABLE: readonly FoundIssue[] = Object.freeze([
  Object.freeze({
    path: Object.freeze([]) as readonly PropertyKey[],
    message: 'Reading the input threw (a getter, a proxy trap or a revoked proxy)',
    code: 'unreadable_input',
  }),
]);

/**
 * Parses a webhook body (already `JSON.parse`d) into a typed event. Never throws:
 * - `known`: a (type, dataVersion) this version knows, valid against its schema;
 * - `unknown`: a valid envelope whose (type, dataVersion) or `specVersion` this version does not know
 *   (acknowledge it and log it; do not reject it);
 * - `invalid`: anything else, with an {@link EventParseError} naming the failing path.
 *
 * Unknown fields are kept, everywhere, except `__proto__` keys, which are dropped. The result is a new object,
 * except the `data` of an `unknown` event, which is the input's own object (nothing here knows its shape).
 * An invalid event costs bounded work: parsing stops after the first 20 issues.
 */
export function parseEvent(input: unknown): ParseEventResult {
  try {
    return parse(input);
  } catch {
    // Last line of defence: getters or proxies in a hand-built input may throw while being read. What they threw is
    // not touched (its `name` may be a throwing getter, or it may be a proxy whose every trap throws).
    return invalid(UNREADABLE, {}, 1, false);
  }
}
