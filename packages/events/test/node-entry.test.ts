import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { envelopeHeadSchema } from '../src/envelope-schema';
import { EVENT_DEFINITIONS } from '../src/event-registry';
import { SAMPLE_EVENTS } from '../src/fixtures/index';
import * as defaultEntry from '../src/index';
import * as nodeEntry from '../src/node-entry';
import { compileSchema } from '../src/parsing/compile-schema';
import { corpus } from './support/mutation-corpus';

describe('the Node entry', () => {
  it('exports exactly what the default entry exports, with its own parseEvent', () => {
    // Compared as plain records: the test is about every export at once.
    const node: Record<string, unknown> = { ...nodeEntry };
    const fallback: Record<string, unknown> = { ...defaultEntry };
    expect(Object.keys(node).sort()).toEqual(Object.keys(fallback).sort());
    for (const name of Object.keys(fallback))
      if (name !== 'parseEvent') expect(node[name], name).toBe(fallback[name]);
    expect(nodeEntry.parseEvent).not.toBe(defaultEntry.parseEvent);
  });

  it('compiles every event schema and the envelope whole, so the fast path is real', () => {
    for (const { eventSchema } of EVENT_DEFINITIONS)
      expect(() => z.compile(eventSchema, { strict: true })).not.toThrow();
    expect(() => z.compile(envelopeHeadSchema, { strict: true })).not.toThrow();
  });

  it('agrees with the default entry on every sample and every mutation of the corpus, output and errors alike', () => {
    const disagreements: string[] = [];
    for (const { name, value, sample } of [
      ...SAMPLE_EVENTS.map((sample) => ({ name: 'as is', value: sample, sample })),
      ...corpus,
    ]) {
      const compiled = nodeEntry.parseEvent(value);
      const interpreted = defaultEntry.parseEvent(value);
      // Key order included: a receiver that stores JSON.stringify(event) must store the same text either way.
      const describe = (result: typeof compiled) =>
        JSON.stringify(
          result.kind === 'invalid' ? { kind: result.kind, issues: result.error.issues } : result,
        );
      if (describe(compiled) !== describe(interpreted)) disagreements.push(`${sample.type} ${name}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('drops __proto__ keys like the interpreter', () => {
    const input = JSON.parse(
      JSON.stringify(SAMPLE_EVENTS[0]).replace('{"clientId"', '{"__proto__":{"polluted":true},"clientId"'),
    );
    const result = nodeEntry.parseEvent(input);
    expect(result.kind === 'known' && Object.hasOwn(result.event.data, '__proto__')).toBe(false);
    expect(result.kind === 'known' && Object.getPrototypeOf(result.event.data)).toBe(Object.prototype);
  });

  it('does not compile under zod jitless, which z.compile does not check itself', () => {
    const schema = EVENT_DEFINITIONS[0].eventSchema;
    z.config({ jitless: true });
    try {
      expect(compileSchema(schema)).toBe(schema);
    } finally {
      z.config({ jitless: false });
    }
    expect(compileSchema(schema)).not.toBe(schema);
  });
});
