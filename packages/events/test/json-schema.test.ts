import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LINK_PATTERNS } from '@listo/ids';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { jsonSchemaDocuments } from '../scripts/json-schema-documents';
import { EVENT_DEFINITIONS } from '../src/event-registry';
import { makeEvent, SAMPLE_EVENTS } from '../src/fixtures/index';
import { envelopeSchema, parseEvent } from '../src/index';
import { boundedIssues } from '../src/parsing/bounded-issues';
import { MAX_ISSUES } from '../src/parsing/event-parse-error';
import { corpus, type Json } from './support/mutation-corpus';

// ajv-formats is CommonJS: its default export arrives wrapped or not depending on the loader.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const documents = jsonSchemaDocuments();
const ajv = new Ajv2020({ strict: true, allErrors: true });
addFormats(ajv);
const validators = new Map([...documents].map(([file, schema]) => [file, ajv.compile(schema)]));

function validatorFor(file: string) {
  const validate = validators.get(file);
  if (!validate) throw new Error(`no JSON Schema ${file}`);
  return (value: unknown) => validate(value) === true;
}

// biome-ignore lint/suspicious/noExplicitAny: the corpus tests read arbitrary JSON.
type Mutable = any;

function isKnownPair(value: Json): boolean {
  const { type, dataVersion, specVersion } = value as {
    type: unknown;
    dataVersion: unknown;
    specVersion: unknown;
  };
  return specVersion === 1 && EVENT_DEFINITIONS.some((d) => d.type === type && d.dataVersion === dataVersion);
}

describe('the JSON Schema files', () => {
  it('are listed one by one in the exports map, and nothing else is', () => {
    const manifest = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const exported = Object.keys(manifest.exports).filter((key) => key.startsWith('./json-schema/'));
    expect(exported.sort()).toEqual([...documents.keys()].map((file) => `./json-schema/${file}`).sort());
    for (const file of documents.keys()) {
      expect(manifest.exports[`./json-schema/${file}`]).toBe(`./dist/json-schema/${file}`);
    }
  });

  it('has an envelope file and one file per (type, dataVersion), named <type>.v<dataVersion>.json', () => {
    expect([...documents.keys()]).toEqual([
      'envelope.json',
      ...EVENT_DEFINITIONS.map(({ type, dataVersion }) => `${type}.v${dataVersion}.json`),
    ]);
    for (const schema of documents.values()) {
      expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(schema.title).toEqual(expect.any(String));
    }
  });

  it('is generated from zod, so it never drifts from the schemas', () => {
    expect(documents.get('client.created.v1.json')).toMatchObject(
      z.toJSONSchema(EVENT_DEFINITIONS[0].eventSchema, { target: 'draft-2020-12' }),
    );
  });

  it('offers the documented example values of open strings without restricting them', () => {
    const contract = (documents.get('worker.onboarded.v1.json') as Mutable).properties.data.properties
      .contracts.items;
    expect(contract.properties.status).toMatchObject({
      type: 'string',
      examples: expect.arrayContaining(['EXECUTED']),
    });
    expect(contract.properties.status.enum).toBeUndefined();
  });

  it('gives links.self the pattern of its template, from @listo/ids', () => {
    // As regular-expression source, where `/` is written `\/`: the same expression.
    const patternOf = (file: string) =>
      new RegExp((documents.get(file) as Mutable).properties.data.properties.links.properties.self.pattern)
        .source;
    const source = (pattern: string) => new RegExp(pattern).source;
    expect(patternOf('client.created.v1.json')).toBe(source(LINK_PATTERNS.client));
    expect(patternOf('user.created.v1.json')).toBe(source(LINK_PATTERNS.user));
    for (const file of [
      'worker.onboarded.v1.json',
      'worker.updated.v1.json',
      'worker.contract.updated.v1.json',
    ])
      expect(patternOf(file)).toBe(source(LINK_PATTERNS.worker));
  });
});

describe('ajv and zod agree', () => {
  it.each(SAMPLE_EVENTS.map((sample) => [sample.type, sample] as const))(
    'on the %s sample and on a made-up one: both valid, against the envelope and their own file',
    (_, sample) => {
      const file = `${sample.type}.v${sample.dataVersion}.json`;
      for (const event of [sample, makeEvent(sample.type, sample.dataVersion)]) {
        expect(validatorFor('envelope.json')(event)).toBe(true);
        expect(validatorFor(file)(event)).toBe(true);
      }
    },
  );

  it(`on every event of a corpus of ${corpus.length} mutations, against the envelope and the event's own file`, () => {
    const disagreements: string[] = [];
    let invalidCount = 0;
    for (const { name, value, sample } of corpus) {
      const definition = EVENT_DEFINITIONS.find(
        (d) => d.type === sample.type && d.dataVersion === sample.dataVersion,
      )!;
      const own = `${sample.type}.v${sample.dataVersion}.json`;
      const byZod = definition.eventSchema.safeParse(value).success;
      if (validatorFor(own)(value) !== byZod) disagreements.push(`${own}: ${name} (zod says ${byZod})`);
      const envelopeByZod = envelopeSchema.safeParse(value).success;
      if (validatorFor('envelope.json')(value) !== envelopeByZod) {
        disagreements.push(`envelope.json: ${name} (zod says ${envelopeByZod})`);
      }
      // parseEvent dispatches instead of using these schemas: it must agree with them. `invalid` exactly
      // when the envelope is; otherwise `known` exactly when the whole-event schema accepts.
      const kind = parseEvent(value).kind;
      const expected = !envelopeByZod
        ? 'invalid'
        : byZod
          ? 'known'
          : isKnownPair(value)
            ? 'invalid'
            : 'unknown';
      if (kind !== expected)
        disagreements.push(`parseEvent: ${sample.type} ${name}: ${kind}, not ${expected}`);
      if (!byZod) invalidCount++;
    }
    expect(disagreements).toEqual([]);
    // The corpus must mostly break things, or it proves little.
    expect(invalidCount).toBeGreaterThan(corpus.length / 2);
  });

  it('on the issues themselves: the bounded walk reports what zod reports, in the same order', () => {
    const disagreements: string[] = [];
    for (const { name, value, sample } of corpus) {
      const { eventSchema } = EVENT_DEFINITIONS.find(
        (d) => d.type === sample.type && d.dataVersion === sample.dataVersion,
      )!;
      const result = eventSchema.safeParse(value);
      const byZod = result.success
        ? []
        : result.error.issues
            .slice(0, MAX_ISSUES)
            .map(({ path, message, code }) => ({ path, message, code }));
      const walked = boundedIssues(eventSchema, value, MAX_ISSUES).issues;
      if (JSON.stringify(walked) !== JSON.stringify(byZod)) disagreements.push(`${sample.type} ${name}`);
    }
    expect(disagreements).toEqual([]);
  });
});
