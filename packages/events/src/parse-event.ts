import type { z } from 'zod';
import { envelopeHeadSchema, SUPPORTED_SPEC_VERSION, type UnknownListoEvent } from './envelope-schema';
import {
  EventParseError,
  type EventParseErrorContext,
  type EventParseIssue,
  formatPath,
  MAX_ISSUES,
} from './event-parse-error';
import { DEFINITIONS, type KnownEventDefinition } from './event-registry';
import type { ListoEvent } from './event-types';

/** What {@link parseEvent} returns. */
export type ParseEventResult =
  | { readonly kind: 'known'; readonly event: ListoEvent }
  | { readonly kind: 'unknown'; readonly event: UnknownListoEvent }
  | { readonly kind: 'invalid'; readonly error: EventParseError };

function toIssues(
  issues: readonly z.core.$ZodIssue[],
  prefix: readonly PropertyKey[],
  into: EventParseIssue[],
): void {
  for (const issue of issues) {
    if (into.length >= MAX_ISSUES) return;
    const segments = [...prefix, ...issue.path];
    into.push({ path: formatPath(segments), segments, message: issue.message, code: issue.code });
  }
}

function invalid(
  issues: readonly EventParseIssue[],
  context: EventParseErrorContext,
  issueCount = issues.length,
): ParseEventResult {
  return { kind: 'invalid', error: new EventParseError(issues, context, issueCount) };
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

function issuesOf(error: z.ZodError, prefix: readonly PropertyKey[] = []): EventParseIssue[] {
  const issues: EventParseIssue[] = [];
  toIssues(error.issues, prefix, issues);
  return issues;
}

/**
 * Dispatch, in constant time: the definition of the input's (type, dataVersion), read from the three envelope
 * fields that identify a schema and looked up in a {@link DEFINITIONS} table, not found by trying each schema in turn. Anything odd
 * (not an object, a non-string type, another specVersion…) finds nothing.
 */
function findDefinition(input: unknown): KnownEventDefinition | undefined {
  if (typeof input !== 'object' || input === null) return undefined;
  const { specVersion, type, dataVersion } = input as Record<string, unknown>;
  return specVersion === SUPPORTED_SPEC_VERSION && typeof type === 'string' && typeof dataVersion === 'number'
    ? DEFINITIONS.get(type, dataVersion)
    : undefined;
}

function parse(input: unknown): ParseEventResult {
  if (typeof input === 'string') {
    return invalid(
      [
        {
          path: '',
          segments: [],
          message: 'Expected the parsed JSON body (an object), got a string',
          code: 'invalid_type',
        },
      ],
      {},
    );
  }
  const definition = findDefinition(input);
  // 1. Dispatch in constant time (see findDefinition).
  // 2. A known (type, dataVersion): one parse with its whole-event schema (envelope and data together).
  if (definition) {
    const result = definition.eventSchema.safeParse(input);
    if (result.success) return { kind: 'known', event: result.data as ListoEvent };
    return invalid(issuesOf(result.error), claimedContext(input), result.error.issues.length);
  }
  // 3. Anything else must at least be a valid envelope, which makes it `unknown`. `data` is only checked to
  //    be an object and kept as it came: nothing here knows its shape, and copying it costs more than checking.
  const head = envelopeHeadSchema.safeParse(input);
  if (head.success) return { kind: 'unknown', event: head.data };
  return invalid(issuesOf(head.error), claimedContext(input), head.error.issues.length);
}

/**
 * Parses a webhook body (already `JSON.parse`d) into a typed event. Never throws:
 * - `known`: a (type, dataVersion) this version knows, valid against its schema;
 * - `unknown`: a valid envelope whose (type, dataVersion) or `specVersion` this version does not know
 *   (acknowledge it and log it; do not reject it);
 * - `invalid`: anything else, with an {@link EventParseError} naming the failing path.
 *
 * Unknown fields are kept, everywhere, except `__proto__` keys, which are dropped. The result is a new object,
 * except the `data` of an `unknown` event, which is the input's own object (nothing here knows its shape).
 */
export function parseEvent(input: unknown): ParseEventResult {
  try {
    return parse(input);
  } catch (cause) {
    // Last line of defence: getters or proxies in a hand-built input may throw while being read.
    const message =
      cause instanceof Error ? `${cause.name}: ${cause.message}` : 'a non-Error value was thrown';
    return invalid(
      [
        {
          path: '',
          segments: [],
          message: `Reading the input threw (${message.slice(0, 200)})`,
          code: 'unreadable_input',
        },
      ],
      {},
    );
  }
}
