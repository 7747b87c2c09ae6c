import type { z } from 'zod';
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

type Counter = (value: unknown, limit: number) => number;

const NONE: Counter = () => 0;
const counters = new WeakMap<z.ZodType, Counter>();

/**
 * A function that counts the elements of every array `schema` would check in a value, stopping once past `limit`.
 * Built once per schema, it reads only the properties that lead to arrays: a few reads per event.
 */
function counterOf(schema: z.ZodType): Counter {
  const cached = counters.get(schema);
  if (cached) return cached;
  const counter = buildCounter(schema);
  counters.set(schema, counter);
  return counter;
}

function buildCounter(schema: z.ZodType): Counter {
  if (isBounded(schema)) return NONE;
  const node = schemaNode(schema);
  switch (node.kind) {
    case 'wrapper': {
      const inner = counterOf(node.inner);
      return (value, limit) => (value === node.allows ? 0 : inner(value, limit));
    }
    case 'object': {
      const parts = Object.entries(node.shape)
        .filter(([, child]) => !isBounded(child))
        .map(([key, child]) => [key, counterOf(child)] as const);
      return (value, limit) => {
        if (!isObjectInput(value)) return 0;
        let count = 0;
        for (const [key, countPart] of parts) {
          count += countPart(value[key], limit - count);
          if (count > limit) break;
        }
        return count;
      };
    }
    case 'array': {
      const element = counterOf(node.element);
      const nested = element !== NONE;
      return (value, limit) => {
        if (!Array.isArray(value)) return 0;
        let count = value.length;
        if (!nested) return count;
        for (let index = 0; index < value.length && count <= limit; index++) {
          count += element(value[index], limit - count);
        }
        return count;
      };
    }
    default:
      return NONE;
  }
}

/**
 * Whether `value` has at most `limit` elements in all the arrays `schema` would check: a few property reads, so
 * that `parseEvent` knows whether a plain zod parse of it is bounded too (its issues are then bounded by the
 * schema's size times `limit`).
 */
export function arrayElementsAtMost(schema: z.ZodType, value: unknown, limit: number): boolean {
  return counterOf(schema)(value, limit) <= limit;
}
