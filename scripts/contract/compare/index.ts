/**
 * Compares a package's recorded contract (the files of contract/<package>/<version>/) with the working
 * tree's, file by file, each with the comparer of its kind (see surfaces.ts for what the files are).
 */
import { parse } from 'yaml';
import type { ContractChange } from '../changes';
import { compareApiReports } from './api-report';
import { compareAsyncapi } from './asyncapi';
import { compareJsonSchemas } from './json-schema';
import { compareOpenapi } from './openapi';
import { compareValues } from './values';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Files = ReadonlyMap<string, string>;

/** `documents/json-schema/worker.onboarded.v1.json` → "`worker.onboarded` v1". */
function documentSubject(file: string): string {
  const event = /^documents\/json-schema\/(.+)\.v(\d+)\.json$/.exec(file);
  if (event) return `\`${event[1]}\` v${event[2]}`;
  if (file === 'documents/json-schema/envelope.json') return 'the event envelope';
  return `\`${file.replace(/^documents\//, '')}\``;
}

function parseDocument(file: string, text: string): Json {
  return (/\.ya?ml$/.test(file) ? parse(text) : JSON.parse(text)) as Json;
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function schemaChanges(subject: string, before: Json, after: Json): ContractChange[] {
  return compareJsonSchemas(before, after, 'accepts').map((d) => ({
    level: d.level,
    subject,
    message: d.path ? `\`${d.path}\` ${d.message}` : d.message,
  }));
}

/** A schema's text without its top-level title and description, to recognise the same schema published twice. */
function schemaKey(schema: Json): string {
  if (!isObject(schema)) return JSON.stringify(schema);
  const { title: _t, description: _d, ...rest } = schema;
  return JSON.stringify(rest);
}

/**
 * @param published keys of the package's published JSON Schema documents: an export equal to one of them
 *   (the `…EventSchema` exports) is compared as that document, once.
 */
function zodSchemaChanges(
  before: string | undefined,
  after: string | undefined,
  published: ReadonlySet<string>,
): ContractChange[] {
  const b = (before ? JSON.parse(before) : {}) as Record<string, Record<string, Json>>;
  const a = (after ? JSON.parse(after) : {}) as Record<string, Record<string, Json>>;
  const changes: ContractChange[] = [];
  for (const entry of new Set([...Object.keys(b), ...Object.keys(a)])) {
    const label = (name: string) => `export \`${name}\`${entry === '.' ? '' : ` (${entry})`}`;
    const old = b[entry] ?? {};
    const now = a[entry] ?? {};
    for (const name of Object.keys(now)) {
      if (!(name in old)) changes.push({ level: 'minor', subject: label(name), message: 'is a new schema' });
    }
    for (const [name, schema] of Object.entries(old)) {
      if (!(name in now)) changes.push({ level: 'major', subject: label(name), message: 'was removed' });
      else if (!published.has(schemaKey(now[name]!)))
        changes.push(...schemaChanges(label(name), schema, now[name]!));
    }
  }
  return changes;
}

/** Names of the exports that are zod schemas, in either version. */
function zodSchemaNames(...files: (string | undefined)[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    if (!file) continue;
    for (const entry of Object.values(JSON.parse(file) as Record<string, Record<string, unknown>>)) {
      for (const name of Object.keys(entry)) names.add(name);
    }
  }
  return names;
}

/**
 * Every change from `before` (a record) to `after` (the working tree). A kind of file the record does not
 * have at all (API reports, before api-extractor ran for the first time) is not compared: there is nothing
 * to compare with yet, and the next record will have it.
 */
export function compareContracts(before: Files, after: Files): ContractChange[] {
  const changes: ContractChange[] = [];
  const kinds = (files: Files) => new Set([...files.keys()].map((file) => file.split('/')[0]));
  const recordedKinds = kinds(before);
  const zodNames = zodSchemaNames(
    before.get('exports/zod-schemas.json'),
    after.get('exports/zod-schemas.json'),
  );
  for (const file of new Set([...before.keys(), ...after.keys()])) {
    const old = before.get(file);
    const now = after.get(file);
    if (old === now) continue;
    const kind = file.split('/')[0]!;
    if (old === undefined && !recordedKinds.has(kind)) continue;
    if (file === 'exports/zod-schemas.json') {
      const published = new Set(
        [...after]
          .filter(([name]) => /^documents\/.*\.json$/.test(name))
          .map(([, text]) => schemaKey(JSON.parse(text) as Json)),
      );
      changes.push(...zodSchemaChanges(old, now, published));
    } else if (file === 'exports/constants.json') {
      changes.push(...compareValues(old ? JSON.parse(old) : {}, now ? JSON.parse(now) : {}));
    } else if (kind === 'api') {
      const entry = file.slice('api/'.length);
      if (old === undefined)
        changes.push({ level: 'minor', subject: `API report ${entry}`, message: 'is a new entry point' });
      else if (now === undefined)
        changes.push({
          level: 'major',
          subject: `API report ${entry}`,
          message: 'was removed: an entry point is gone',
        });
      else changes.push(...compareApiReports(old, now, entry, zodNames));
    } else if (old === undefined) {
      changes.push({
        level: 'minor',
        subject: documentSubject(file),
        message: 'is a new published document',
      });
    } else if (now === undefined) {
      changes.push({ level: 'major', subject: documentSubject(file), message: 'is no longer published' });
    } else {
      const b = parseDocument(file, old);
      const a = parseDocument(file, now);
      if (isObject(a) && typeof a.openapi === 'string')
        changes.push(...compareOpenapi(b as never, a as never));
      else if (isObject(a) && typeof a.asyncapi === 'string')
        changes.push(...compareAsyncapi(b as never, a as never));
      else changes.push(...schemaChanges(documentSubject(file), b, a));
    }
  }
  return changes;
}
