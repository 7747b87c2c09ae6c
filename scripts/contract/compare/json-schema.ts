/**
 * Compares two JSON Schemas (draft 2020-12 as zod writes it, and OpenAPI 3.1's dialect) and says, in a
 * partner's words, what a value may or must now be. Each difference is classified by the side the partner
 * is on:
 *
 * - `accepts` (event payloads, request parameters): the schema is a validator the partner relies on. It
 *   accepting less is breaking (events that parsed become `invalid`); accepting more is a patch.
 * - `returns` (REST responses): the partner reads what the schema describes. Values it may now hold that it
 *   could not before are breaking (a field that may be absent or null); fewer possible values are a patch.
 *
 * In both, a removed field is breaking, a new optional field is a minor, and a rule that changed in a way
 * this comparer cannot order (a pattern replaced by another) is breaking: the guard errs on the safe side.
 */
import type { ChangeLevel } from '../changes';

export type SchemaMode = 'accepts' | 'returns';
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = { [key: string]: Json };

export interface SchemaDifference {
  level: ChangeLevel;
  /** Where, as a partner writes it: `data.contracts[].status`; '' for the value itself. */
  path: string;
  /** e.g. "no longer accepts null". */
  message: string;
}

/** Keywords that document a schema without changing what it accepts. */
const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  '$anchor',
  '$comment',
  '$defs',
  'definitions',
  'title',
  'description',
  'summary',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  'discriminator',
  'externalDocs',
  'xml',
  'contentMediaType',
]);

/** Keywords compared by a rule below; any other keyword that differs is reported as a changed rule. */
const HANDLED = new Set([
  'type',
  'enum',
  'const',
  'nullable',
  'anyOf',
  'oneOf',
  'allOf',
  '$ref',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'prefixItems',
  'pattern',
  'format',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
]);

type Direction = 'narrower' | 'wider' | 'new-optional' | 'new-required' | 'removed' | 'changed';

const LEVELS: Record<SchemaMode, Record<Direction, ChangeLevel>> = {
  accepts: {
    narrower: 'major',
    wider: 'patch',
    'new-optional': 'minor',
    'new-required': 'major',
    removed: 'major',
    changed: 'major',
  },
  returns: {
    narrower: 'patch',
    wider: 'major',
    'new-optional': 'minor',
    'new-required': 'minor',
    removed: 'major',
    changed: 'major',
  },
};

const TYPE_WORDS: Record<string, string> = {
  null: 'null',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'an object',
  array: 'an array',
};
const ALL_TYPES = ['null', 'boolean', 'object', 'array', 'number', 'string', 'integer'];

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const show = (value: Json | undefined) => (typeof value === 'string' ? `'${value}'` : JSON.stringify(value));
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function resolvePointer(root: Json, ref: string): Json | undefined {
  if (!ref.startsWith('#')) return undefined;
  let node: Json | undefined = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined;
  }
  return node;
}

/** A schema with its `$ref`s, `allOf`s and single-branch nullable unions folded into one object. */
interface Normal {
  schema: Schema;
  /** Accepted JSON types; undefined when any type is. */
  types: Set<string> | undefined;
  /** Several genuinely different shapes (`anyOf`/`oneOf` with more than one non-null branch). */
  variants: Json[] | undefined;
}

function typesOf(schema: Schema): Set<string> | undefined {
  if (Array.isArray(schema.type)) return new Set(schema.type as string[]);
  if (typeof schema.type === 'string') return new Set([schema.type]);
  const values = 'const' in schema ? [schema.const] : Array.isArray(schema.enum) ? schema.enum : undefined;
  if (values) {
    return new Set(
      values.map((v) =>
        v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v,
      ),
    );
  }
  if ('properties' in schema || 'additionalProperties' in schema || 'required' in schema)
    return new Set(['object']);
  if ('items' in schema || 'prefixItems' in schema) return new Set(['array']);
  return undefined;
}

function normalize(input: Json | undefined, root: Json, seen: Set<string> = new Set()): Normal {
  if (input === false) return { schema: { not: {} }, types: new Set(), variants: undefined };
  let schema: Schema = isObject(input) ? { ...input } : {};
  if (typeof schema.$ref === 'string' && !seen.has(schema.$ref)) {
    const target = resolvePointer(root, schema.$ref);
    const { $ref, ...rest } = schema;
    seen.add($ref as string);
    const resolved = normalize(target, root, seen).schema;
    schema = { ...resolved, ...rest };
  }
  if (Array.isArray(schema.allOf)) {
    const { allOf, ...rest } = schema;
    let merged: Schema = {};
    for (const part of [...allOf, rest]) {
      const p = normalize(part, root, new Set(seen)).schema;
      merged = {
        ...merged,
        ...p,
        properties: { ...(merged.properties as Schema), ...(p.properties as Schema) },
        required: [
          ...new Set([...((merged.required as string[]) ?? []), ...((p.required as string[]) ?? [])]),
        ],
      };
    }
    if (Object.keys(merged.properties as Schema).length === 0) delete merged.properties;
    if ((merged.required as string[]).length === 0) delete merged.required;
    schema = merged;
  }
  let nullable = schema.nullable === true;
  let variants: Json[] | undefined;
  for (const key of ['anyOf', 'oneOf'] as const) {
    const branches = schema[key];
    if (!Array.isArray(branches)) continue;
    const others = branches.filter((b) => !(isObject(b) && b.type === 'null' && Object.keys(b).length === 1));
    if (others.length < branches.length) nullable = true;
    const { [key]: _, ...rest } = schema;
    if (others.length === 1) {
      schema = { ...normalize(others[0], root, new Set(seen)).schema, ...rest };
    } else {
      schema = rest;
      if (others.length > 1) variants = others;
    }
  }
  delete schema.nullable;
  let types = variants ? undefined : typesOf(schema);
  if (nullable && types) types = new Set([...types, 'null']);
  return { schema, types, variants };
}

function expandTypes(types: Set<string> | undefined): Set<string> {
  const all = new Set(types ?? ALL_TYPES);
  if (all.has('number')) all.add('integer');
  return all;
}

class Comparison {
  readonly differences: SchemaDifference[] = [];
  private readonly visiting = new Set<string>();
  private readonly rootsEqual: boolean;

  constructor(
    private readonly mode: SchemaMode,
    private readonly rootBefore: Json,
    private readonly rootAfter: Json,
  ) {
    this.rootsEqual = same(rootBefore, rootAfter);
  }

  private add(direction: Direction, path: string, message: string) {
    this.differences.push({ level: LEVELS[this.mode][direction], path, message });
  }

  compare(beforeInput: Json | undefined, afterInput: Json | undefined, path: string): void {
    const beforeText = JSON.stringify(beforeInput);
    // Equal text is equal meaning unless a `$ref` points into documents that differ.
    if (beforeText === JSON.stringify(afterInput) && (!beforeText?.includes('"$ref"') || this.rootsEqual))
      return;
    const key = `${path}|${beforeText}|${JSON.stringify(afterInput)}`;
    // Recursive schemas: stop where the same pair comes back, or past a depth no real payload has.
    if (this.visiting.has(key) || this.visiting.size > 5000 || path.split(/[.[]/).length > 40) return;
    this.visiting.add(key);
    const before = normalize(beforeInput, this.rootBefore);
    const after = normalize(afterInput, this.rootAfter);
    this.types(before, after, path);
    this.values(before.schema, after.schema, path);
    this.rule(before.schema, after.schema, path, 'pattern', (p) => `match /${p}/`);
    this.rule(before.schema, after.schema, path, 'format', (f) => `be a valid ${f}`);
    this.bounds(before.schema, after.schema, path);
    this.objects(before.schema, after.schema, path);
    this.arrays(before.schema, after.schema, path);
    this.variants(before, after, path);
    this.otherRules(before.schema, after.schema, path);
  }

  private types(before: Normal, after: Normal, path: string) {
    if (before.variants || after.variants) return;
    if (before.types === undefined && after.types !== undefined) {
      const only = [...after.types].map((t) => TYPE_WORDS[t] ?? t).join(' or ');
      return this.add('narrower', path, only ? `now accepts only ${only}` : 'no longer accepts any value');
    }
    if (before.types !== undefined && after.types === undefined) {
      return this.add('wider', path, 'now accepts a value of any type');
    }
    const b = expandTypes(before.types);
    const a = expandTypes(after.types);
    const removed = [...b].filter(
      (t) => !a.has(t) && !(t === 'integer' && b.has('number') && !a.has('number')),
    );
    const added = [...a].filter(
      (t) => !b.has(t) && !(t === 'integer' && a.has('number') && !b.has('number')),
    );
    if (removed.length > 0) {
      this.add('narrower', path, `no longer accepts ${removed.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`);
    }
    if (added.length > 0) {
      this.add('wider', path, `now also accepts ${added.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}`);
    }
  }

  private values(before: Schema, after: Schema, path: string) {
    const list = (s: Schema) => ('const' in s ? [s.const] : Array.isArray(s.enum) ? s.enum : undefined);
    const b = list(before);
    const a = list(after);
    if (!b && !a) return;
    if (!b && a) return this.add('narrower', path, `now accepts only ${a.map(show).join(', ')}`);
    if (b && !a) return this.add('wider', path, `no longer restricted to ${b.map(show).join(', ')}`);
    const removed = b!.filter((v) => !a!.some((w) => same(v, w)) && v !== null);
    const added = a!.filter((v) => !b!.some((w) => same(v, w)) && v !== null);
    if (removed.length > 0) this.add('narrower', path, `no longer accepts ${removed.map(show).join(', ')}`);
    if (added.length > 0) this.add('wider', path, `now also accepts ${added.map(show).join(', ')}`);
  }

  private rule(
    before: Schema,
    after: Schema,
    path: string,
    keyword: string,
    words: (value: string) => string,
  ) {
    const b = before[keyword];
    const a = after[keyword];
    if (same(b, a)) return;
    if (b === undefined) this.add('narrower', path, `must now ${words(String(a))}`);
    else if (a === undefined) this.add('wider', path, `no longer has to ${words(String(b))}`);
    else
      this.add(
        'changed',
        path,
        `must now ${words(String(a))} instead of ${words(String(b)).replace(/^be |^match /, '')}`,
      );
  }

  private bounds(before: Schema, after: Schema, path: string) {
    const lower = ['minLength', 'minimum', 'exclusiveMinimum', 'minItems', 'minProperties'];
    const upper = ['maxLength', 'maximum', 'exclusiveMaximum', 'maxItems', 'maxProperties'];
    for (const keyword of [...lower, ...upper]) {
      const b = before[keyword];
      const a = after[keyword];
      if (same(b, a)) continue;
      const isLower = lower.includes(keyword);
      const tighter =
        b === undefined || (typeof a === 'number' && typeof b === 'number' && (isLower ? a > b : a < b));
      if (a === undefined) this.add('wider', path, `no longer has a ${keyword} (was ${b})`);
      else
        this.add(
          tighter ? 'narrower' : 'wider',
          path,
          `${keyword} is now ${a}${b === undefined ? '' : ` (was ${b})`}`,
        );
    }
  }

  private objects(before: Schema, after: Schema, path: string) {
    const bProps = isObject(before.properties) ? before.properties : {};
    const aProps = isObject(after.properties) ? after.properties : {};
    const bRequired = new Set(Array.isArray(before.required) ? (before.required as string[]) : []);
    const aRequired = new Set(Array.isArray(after.required) ? (after.required as string[]) : []);
    const at = (name: string) => (path ? `${path}.${name}` : name);
    for (const name of Object.keys(aProps)) {
      if (name in bProps) continue;
      if (aRequired.has(name)) this.add('new-required', at(name), 'is a new field, and required');
      else this.add('new-optional', at(name), 'is a new optional field');
    }
    for (const name of Object.keys(bProps)) {
      if (!(name in aProps)) {
        this.add('removed', at(name), 'was removed');
        continue;
      }
      if (!bRequired.has(name) && aRequired.has(name)) this.add('narrower', at(name), 'is now required');
      if (bRequired.has(name) && !aRequired.has(name)) this.add('wider', at(name), 'may now be absent');
      this.compare(bProps[name], aProps[name], at(name));
    }
    // Required names without a property schema (a bare `required` list).
    for (const name of aRequired) {
      if (!(name in aProps) && !bRequired.has(name) && !(name in bProps))
        this.add('narrower', at(name), 'is now required');
    }
    for (const name of bRequired) {
      if (!(name in bProps) && !aRequired.has(name) && !(name in aProps))
        this.add('wider', at(name), 'may now be absent');
    }
    const closed = (s: Schema) => s.additionalProperties === false || s.unevaluatedProperties === false;
    const hasObjects =
      Object.keys(bProps).length + Object.keys(aProps).length > 0 ||
      'additionalProperties' in before ||
      'additionalProperties' in after;
    if (!hasObjects) return;
    const where = path ? `\`${path}\`` : 'the object';
    if (!closed(before) && closed(after))
      this.add('narrower', path, `no longer accepts unknown fields in ${where}`);
    else if (closed(before) && !closed(after))
      this.add('wider', path, `now accepts unknown fields in ${where}`);
    else if (isObject(before.additionalProperties) && isObject(after.additionalProperties)) {
      this.compare(before.additionalProperties, after.additionalProperties, path ? `${path}.*` : '*');
    }
  }

  private arrays(before: Schema, after: Schema, path: string) {
    if ('items' in before || 'items' in after)
      this.compare(before.items ?? {}, after.items ?? {}, `${path}[]`);
    const b = Array.isArray(before.prefixItems) ? before.prefixItems : [];
    const a = Array.isArray(after.prefixItems) ? after.prefixItems : [];
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      this.compare(b[i] ?? {}, a[i] ?? {}, `${path}[${i}]`);
  }

  private variants(before: Normal, after: Normal, path: string) {
    if (!before.variants && !after.variants) return;
    const b = before.variants ?? [before.schema];
    const a = after.variants ?? [after.schema];
    const unmatchedB = b.filter((v) => !a.some((w) => same(v, w)));
    const unmatchedA = a.filter((v) => !b.some((w) => same(v, w)));
    const pairs = Math.min(unmatchedB.length, unmatchedA.length);
    for (let i = 0; i < pairs; i++) this.compare(unmatchedB[i]!, unmatchedA[i]!, path);
    if (unmatchedB.length > pairs)
      this.add('narrower', path, `no longer accepts ${unmatchedB.length - pairs} of the shapes it accepted`);
    if (unmatchedA.length > pairs)
      this.add('wider', path, `now also accepts ${unmatchedA.length - pairs} more shape(s)`);
    const bNull = expandTypes(before.types).has('null') && before.types !== undefined;
    const aNull = expandTypes(after.types).has('null') && after.types !== undefined;
    if (bNull !== aNull && before.variants && after.variants)
      this.add(
        bNull ? 'narrower' : 'wider',
        path,
        bNull ? 'no longer accepts null' : 'now also accepts null',
      );
  }

  private otherRules(before: Schema, after: Schema, path: string) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (HANDLED.has(key) || ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
      if (!same(before[key], after[key])) this.add('changed', path, `its \`${key}\` rule changed`);
    }
  }
}

/** Every difference between two schemas that a partner on the `mode` side would notice. */
export function compareJsonSchemas(
  before: Json,
  after: Json,
  mode: SchemaMode,
  /** The documents `#/…` refs point into, when the schemas are parts of larger documents (OpenAPI). */
  roots: { before: Json; after: Json } = { before, after },
): SchemaDifference[] {
  const comparison = new Comparison(mode, roots.before, roots.after);
  comparison.compare(before, after, '');
  return comparison.differences;
}
