import type * as z from 'zod';
import { isBounded, isObjectInput, schemaNode } from './schema-shape';

/** One issue as zod reports it, with its path from the root of the walk. */
export interface FoundIssue {
  readonly path: readonly PropertyKey[];
  readonly message: string;
  readonly code: string;
}

/** What {@link boundedIssues} found: at most `limit` issues, and whether it stopped before looking everywhere. */
export interface BoundedIssues {
  readonly issues: readonly FoundIssue[];
  readonly truncated: boolean;
}

class Collector {
  readonly issues: FoundIssue[] = [];
  truncated = false;
  constructor(readonly limit: number) {}

  add(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[]): void {
    for (const issue of issues) {
      if (this.issues.length >= this.limit) {
        this.truncated = true;
        return;
      }
      this.issues.push({ path: [...prefix, ...issue.path], message: issue.message, code: issue.code });
    }
  }

  get full(): boolean {
    return this.issues.length >= this.limit;
  }
}

function parseWhole(schema: z.ZodType, value: unknown, path: readonly PropertyKey[], out: Collector): void {
  const result = schema.safeParse(value);
  if (!result.success) out.add(result.error.issues, path);
}

function walk(schema: z.ZodType, value: unknown, path: readonly PropertyKey[], out: Collector): void {
  const node = isBounded(schema) ? undefined : schemaNode(schema);
  if (node?.kind === 'wrapper') {
    if (value !== node.allows) walk(node.inner, value, path, out);
  } else if (node?.kind === 'object' && isObjectInput(value)) {
    for (const key of Object.keys(node.shape)) {
      if (out.full) {
        out.truncated = true;
        return;
      }
      walk(node.shape[key]!, value[key], [...path, key], out);
    }
  } else if (node?.kind === 'array' && Array.isArray(value)) {
    for (let index = 0; index < value.length; index++) {
      if (out.full) {
        out.truncated = true;
        return;
      }
      walk(node.element, value[index], [...path, index], out);
    }
  } else {
    // A bounded part, or a container given a value of the wrong type: zod's own parse, whose issues are bounded.
    parseWhole(schema, value, path, out);
  }
}

/**
 * The first `limit` issues of `value` against `schema`, in zod's order and with zod's messages, for bounded work:
 * containers are walked in zod's order, every part with no array below it is parsed whole by zod (its issues are
 * bounded by the schema), and the walk stops once `limit` issues are found. So an array of a million broken
 * elements costs a few elements, not a million issues.
 */
export function boundedIssues(schema: z.ZodType, value: unknown, limit: number): BoundedIssues {
  const out = new Collector(limit);
  walk(schema, value, [], out);
  return { issues: out.issues, truncated: out.truncated };
}
