import type * as z from 'zod';

/**
 * How the bounded parts of `parseEvent` see a zod schema: the few kinds the event schemas are built from. A
 * container is walked; anything else is a leaf, parsed whole by zod. The tests check that every schema in the
 * registry is made of these kinds only, so no array can hide inside a leaf.
 */
export type SchemaNode =
  | { readonly kind: 'leaf' }
  | { readonly kind: 'wrapper'; readonly allows: null | undefined; readonly inner: z.ZodType }
  | { readonly kind: 'object'; readonly shape: Readonly<Record<string, z.ZodType>> }
  | { readonly kind: 'array'; readonly element: z.ZodType };

/** The zod def types that are leaves: their issues are bounded by the schema, whatever the input. */
export const LEAF_TYPES: ReadonlySet<string> = new Set([
  'string',
  'template_literal',
  'literal',
  'number',
  'boolean',
  'null',
  'unknown',
  'custom',
]);

interface Def {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
}

/** The node of `schema`, by its zod def. */
export function schemaNode(schema: z.ZodType): SchemaNode {
  const def = schema._zod.def as unknown as Def;
  switch (def.type) {
    case 'object':
      return { kind: 'object', shape: def.shape! };
    case 'array':
      return { kind: 'array', element: def.element! };
    case 'nullable':
      return { kind: 'wrapper', allows: null, inner: def.innerType! };
    case 'optional':
      return { kind: 'wrapper', allows: undefined, inner: def.innerType! };
    default:
      return { kind: 'leaf' };
  }
}

const boundedCache = new WeakMap<z.ZodType, boolean>();

/**
 * Whether `schema` can only produce a bounded number of issues, whatever the input: no array anywhere below it
 * (a loose object's unknown keys are kept, never checked, so they produce none).
 */
export function isBounded(schema: z.ZodType): boolean {
  const cached = boundedCache.get(schema);
  if (cached !== undefined) return cached;
  const node = schemaNode(schema);
  const bounded =
    node.kind === 'leaf' ||
    (node.kind === 'wrapper' && isBounded(node.inner)) ||
    (node.kind === 'object' && Object.values(node.shape).every(isBounded));
  boundedCache.set(schema, bounded);
  return bounded;
}

/** zod's own test for an object input (`util.isObject`): anything else gets zod's type issue, not a walk. */
export function isObjectInput(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
