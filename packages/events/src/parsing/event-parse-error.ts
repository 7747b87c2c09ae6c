/** One problem found in an event, with the path where it was found. */
export interface EventParseIssue {
  /** Where, as a readable path from the event root: `data.contracts[0].startDate` (`` for the root). */
  readonly path: string;
  /** The same path as segments: `['data', 'contracts', 0, 'startDate']`. */
  readonly segments: readonly PropertyKey[];
  /** What is wrong. Never contains the offending value, which may be personal data. */
  readonly message: string;
  /** The zod issue code (`invalid_type`, `invalid_format`, …), or `unreadable_input`. */
  readonly code: string;
}

/** What the event claimed to be, when it got that far. */
export interface EventParseErrorContext {
  readonly eventId?: string | undefined;
  readonly type?: string | undefined;
  readonly dataVersion?: number | undefined;
}

/** How many issues an error keeps: enough to fix the payload, bounded whatever the input's size. */
export const MAX_ISSUES = 20;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `['data', 'contracts', 0, 'startDate']` → `data.contracts[0].startDate`. */
export function formatPath(segments: readonly PropertyKey[]): string {
  let text = '';
  for (const segment of segments) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && IDENTIFIER.test(segment)) text += text ? `.${segment}` : segment;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}

/**
 * Why `parseEvent` returned `invalid`. Returned, never thrown by this package; it is an `Error` so that
 * you can throw or log it as one.
 */
export class EventParseError extends Error {
  override readonly name = 'EventParseError' as const;
  /** The path of the first issue, e.g. `data.contracts[0].startDate` (`` when the input itself is wrong). */
  readonly path: string;
  /** The issues found (at most 20). */
  readonly issues: readonly EventParseIssue[];
  /**
   * How many issues were found, including those not kept. Parsing stops looking after 20 (an
   * invalid event costs a bounded amount of work, whatever its size): when {@link truncated} is true there may be
   * more.
   */
  readonly issueCount: number;
  /** Whether parsing stopped looking before the end of the input, so that there may be more issues than counted. */
  readonly truncated: boolean;
  readonly eventId: string | undefined;
  readonly type: string | undefined;
  readonly dataVersion: number | undefined;

  /** Built by `parseEvent` from the issues it found; returned, never thrown. */
  constructor(
    issues: readonly EventParseIssue[],
    context: EventParseErrorContext = {},
    issueCount = issues.length,
    truncated = false,
  ) {
    const kept = issues.slice(0, MAX_ISSUES);
    const first = kept[0];
    const what =
      context.type !== undefined && context.dataVersion !== undefined
        ? `${context.type} v${context.dataVersion} event`
        : 'Listo event';
    const where = first ? ` at ${first.path || '(root)'}: ${first.message}` : '';
    const others = issueCount - 1;
    const more = truncated
      ? ` (and at least ${others} more issues)`
      : others > 0
        ? ` (and ${others} more issue${others === 1 ? '' : 's'})`
        : '';
    super(`Invalid ${what}${where}${more}`);
    this.path = first?.path ?? '';
    this.issues = Object.freeze(kept);
    this.issueCount = issueCount;
    this.truncated = truncated;
    this.eventId = context.eventId;
    this.type = context.type;
    this.dataVersion = context.dataVersion;
  }
}
