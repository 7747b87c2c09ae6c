import { SAMPLE_EVENTS } from '../../src/fixtures/index';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
// biome-ignore lint/suspicious/noExplicitAny: the corpus walks and rewrites arbitrary JSON in place.
type Mutable = any;

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** Every path to a value inside `value` (objects and arrays), the root excluded. */
function pathsOf(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [];
  const entries: [string | number, Json][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  return entries.flatMap(([key, child]) => [[...prefix, key], ...pathsOf(child, [...prefix, key])]);
}

function withChange(
  event: Json,
  path: (string | number)[],
  change: (parent: Mutable, key: string | number) => void,
) {
  const copy = structuredClone(event) as Mutable;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key];
  change(parent, path.at(-1)!);
  return copy as Json;
}

/** Broken and harmless variants of an event: each field removed, retyped, nulled, emptied, or given odd strings. */
function mutationsOf(event: Json): { name: string; value: Json }[] {
  const mutations: { name: string; value: Json }[] = [];
  const replacements: Json[] = [
    null,
    42,
    1.5,
    -1,
    true,
    '',
    'x',
    [],
    {},
    '2026-02-30',
    '2026-05-02T10:14:32',
    'lglsoevt_',
  ];
  for (const path of pathsOf(event)) {
    const at = path.join('.');
    mutations.push({
      name: `delete ${at}`,
      value: withChange(event, path, (parent, key) => {
        if (Array.isArray(parent)) parent.splice(Number(key), 1);
        else delete parent[key];
      }),
    });
    for (const replacement of replacements) {
      mutations.push({
        name: `${at} = ${JSON.stringify(replacement)}`,
        value: withChange(event, path, (parent, key) => (parent[key] = structuredClone(replacement))),
      });
    }
    mutations.push({
      name: `${at}: add an unknown field`,
      value: withChange(event, path, (parent, key) => {
        const target = parent[key];
        if (typeof target === 'object' && target !== null && !Array.isArray(target))
          target.addedLater = { a: 1 };
        else if (typeof target === 'string') parent[key] = target.replace(/^lglso[a-z]+_/, 'lglsoxxx_');
      }),
    });
  }
  return mutations;
}

/**
 * A corpus of about 2,200 variants of the samples, each field removed, retyped, nulled, emptied, given odd strings or
 * an unknown field: most break the event, some do not. The JSON Schema, ajv and compiled-parser tests share it.
 */
export const corpus = SAMPLE_EVENTS.flatMap((sample) =>
  [{ name: 'as is', value: toJson(sample) }, ...mutationsOf(toJson(sample))].map((mutation) => ({
    ...mutation,
    sample,
  })),
);
