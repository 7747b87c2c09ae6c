import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_DEFINITIONS } from '../src/event-registry';
import { makeEvent, SAMPLE_EVENTS, workerOnboardedV1Sample } from '../src/fixtures/index';
import * as defaultEntry from '../src/index';
import * as nodeEntry from '../src/node-entry';
import { MAX_ISSUES } from '../src/parsing/event-parse-error';
import { LEAF_TYPES, schemaNode } from '../src/parsing/schema-shape';
import { countingMembrane, nodeCount } from './support/counting-membrane';

// biome-ignore lint/suspicious/noExplicitAny: tests build hostile bodies field by field.
type Mutable = Record<string, any>;

const copy = (value: unknown): Mutable => JSON.parse(JSON.stringify(value));

/** The body of the review's 1 MiB delivery: a worker.onboarded whose contracts are 348,858 empty objects. */
function emptyContractsBody(): string {
  const sample = JSON.stringify(workerOnboardedV1Sample);
  const contracts = `[${'{},'.repeat(348_857)}{}]`;
  return sample.replace(/"contracts":\[.*?\],"links"/, `"contracts":${contracts},"links"`);
}

describe.each([
  ['default entry', defaultEntry.parseEvent],
  ['Node entry (compiled)', nodeEntry.parseEvent],
] as const)('with the %s', (_, parseEvent) => {
  /** parseEvent on a counting membrane: the result, and how many reads of the input it took. */
  function parseCounting(input: unknown) {
    const membrane = countingMembrane(input);
    const result = parseEvent(membrane.value);
    return { result, reads: membrane.reads };
  }

  describe('the work parseEvent does on an invalid event is bounded', () => {
    it('stops at the first issues of a 1 MiB body of 348,858 empty contracts, after a few hundred reads', () => {
      const body = emptyContractsBody();
      expect(body.length).toBeGreaterThan(1_000_000);
      const input = JSON.parse(body);
      const { result, reads } = parseCounting(input);
      expect(result.kind).toBe('invalid');
      if (result.kind !== 'invalid') return;
      expect(result.error.issues).toHaveLength(MAX_ISSUES);
      expect(result.error.issueCount).toBe(MAX_ISSUES);
      expect(result.error.truncated).toBe(true);
      expect(result.error.path).toBe('data.contracts[0].id');
      expect(result.error.message).toMatch(/and at least 19 more issues/);
      // Before the bound, zod read every element's twelve documented keys and built an issue for each: millions.
      expect(reads).toBeLessThan(1_000);
    });

    it('costs a small multiple of the input size when the one broken element comes after 5,000 valid ones', () => {
      const input = copy(workerOnboardedV1Sample);
      const contract = input.data.contracts[0];
      input.data.contracts = [
        ...Array.from({ length: 5_000 }, () => ({ ...contract })),
        { ...contract, id: 7 },
      ];
      const { result, reads } = parseCounting(input);
      expect(result.kind === 'invalid' && result.error.path).toBe('data.contracts[5000].id');
      expect(result.kind === 'invalid' && result.error.truncated).toBe(false);
      expect(reads / nodeCount(input)).toBeLessThan(8);
    });

    it('reads a valid event a small number of times per value, and a large one no more per value', () => {
      const small = copy(workerOnboardedV1Sample);
      const large = copy(workerOnboardedV1Sample);
      large.data.contracts = Array.from({ length: 5_000 }, () => ({ ...small.data.contracts[0] }));
      for (const input of [small, large]) {
        const { result, reads } = parseCounting(input);
        expect(result.kind).toBe('known');
        expect(reads / nodeCount(input)).toBeLessThan(8);
      }
    });

    it('keeps unknown events bounded too: their data is checked to be an object, never walked', () => {
      const input = copy(workerOnboardedV1Sample);
      input.type = 'worker.archived';
      input.data.contracts = Array.from({ length: 100_000 }, () => ({}));
      const { result, reads } = parseCounting(input);
      expect(result.kind).toBe('unknown');
      expect(reads).toBeLessThan(200);
    });

    it('counts every issue when there are fewer than the limit', () => {
      const input = copy(workerOnboardedV1Sample);
      input.data.contracts = Array.from({ length: 12 }, (_, index) => ({
        ...input.data.contracts[0],
        id: index,
      }));
      const result = parseEvent(input);
      expect(result.kind === 'invalid' && result.error.issueCount).toBe(12);
      expect(result.kind === 'invalid' && result.error.truncated).toBe(false);
    });
  });

  describe('parseEvent never throws, whatever was thrown while reading the input', () => {
    it('on an error whose name getter throws', () => {
      const input = copy(workerOnboardedV1Sample);
      const hostile = new Error('boom');
      Object.defineProperty(hostile, 'name', {
        get() {
          throw new Error('name');
        },
      });
      Object.defineProperty(input.data, 'email', {
        enumerable: true,
        get() {
          throw hostile;
        },
      });
      const result = parseEvent(input);
      expect(result.kind === 'invalid' && result.error.issues[0]!.code).toBe('unreadable_input');
    });

    it('on a thrown proxy whose every trap throws, getPrototypeOf included', () => {
      const thrown = new Proxy(
        {},
        {
          getPrototypeOf() {
            throw new Error('getPrototypeOf');
          },
          get() {
            throw new Error('get');
          },
          has() {
            throw new Error('has');
          },
        },
      );
      const input = copy(workerOnboardedV1Sample);
      Object.defineProperty(input, 'type', {
        enumerable: true,
        get() {
          throw thrown;
        },
      });
      const result = parseEvent(input);
      expect(result.kind === 'invalid' && result.error.message).toMatch(/Reading the input threw/);
    });

    it('on an input that is such a proxy itself', () => {
      const input = new Proxy(copy(workerOnboardedV1Sample), {
        getPrototypeOf() {
          throw new Error('getPrototypeOf');
        },
        ownKeys() {
          throw new Error('ownKeys');
        },
      });
      expect(parseEvent(input).kind).toBe('invalid');
    });
  });

  /** Hostile bodies: a sample with one part replaced by junk of any shape, or arrays of it, or deep nesting. */
  const junk = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 200 }),
    fc.array(fc.constant({}), { minLength: 100, maxLength: 3_000 }),
    fc.string({ maxLength: 2_000 }),
    fc.constantFrom(
      Number.MAX_SAFE_INTEGER,
      Number.MAX_VALUE,
      -0,
      2 ** 53,
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999+23:59',
      '2026-05-02T10:14:32.184-23:59',
      'lglsoevt_'.padEnd(100_000, 'a'),
      '/v2/instance-integrations/inst_a/clients/lglsocli_b/workers/lglsowpr_c'.padEnd(50_000, 'c'),
      '9'.repeat(50_000),
    ),
  );
  const paths = [
    ['id'],
    ['type'],
    ['dataVersion'],
    ['occurredAt'],
    ['entity'],
    ['data'],
    ['data', 'contracts'],
    ['data', 'contracts', 0],
    ['data', 'contracts', 0, 'startDate'],
    ['data', 'address'],
    ['data', 'links', 'self'],
    ['data', 'organizationUnit'],
  ] as const;

  function withJunk(sample: unknown, path: readonly (string | number)[], value: unknown): Mutable {
    const event = copy(sample);
    let parent = event;
    for (const key of path.slice(0, -1)) {
      if (typeof parent[key] !== 'object' || parent[key] === null) return event;
      parent = parent[key];
    }
    parent[path.at(-1)!] = value;
    return event;
  }

  describe('parseEvent on random and hostile inputs (fast-check)', () => {
    it('never throws, and reads each value of the input a bounded number of times', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...SAMPLE_EVENTS),
          fc.constantFrom(...paths),
          junk,
          fc.boolean(),
          (sample, path, value, unknownType) => {
            const input = withJunk(sample, path, value);
            if (unknownType) input.type = `${input.type}.later`;
            const { result, reads } = parseCounting(input);
            expect(['known', 'unknown', 'invalid']).toContain(result.kind);
            if (result.kind === 'invalid') expect(result.error.issues.length).toBeLessThanOrEqual(MAX_ISSUES);
            expect(reads).toBeLessThanOrEqual(8 * nodeCount(input) + 100);
          },
        ),
        { numRuns: 400 },
      );
    });

    it('never throws on arbitrary values, including ones that are not JSON', () => {
      fc.assert(
        fc.property(
          fc.anything({ withBigInt: true, withMap: true, withSet: true, withTypedArray: true }),
          (value) => {
            expect(['known', 'unknown', 'invalid']).toContain(parseEvent(value).kind);
            expect(['known', 'unknown', 'invalid']).toContain(
              parseEvent({ ...makeEvent('user.created', 1), data: value }).kind,
            );
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});

describe('the bounded walk knows every kind of schema the events are built of', () => {
  it('finds only objects, arrays, nullable, optional and leaves in every event schema', () => {
    const kinds = new Set<string>();
    const visit = (schema: (typeof EVENT_DEFINITIONS)[number]['eventSchema']): void => {
      const node = schemaNode(schema);
      const type = (schema._zod.def as { type: string }).type;
      kinds.add(type);
      if (node.kind === 'leaf') expect(LEAF_TYPES, type).toContain(type);
      else if (node.kind === 'object') for (const child of Object.values(node.shape)) visit(child as never);
      else visit((node.kind === 'array' ? node.element : node.inner) as never);
    };
    for (const { eventSchema } of EVENT_DEFINITIONS) visit(eventSchema);
    expect([...kinds].sort()).toEqual(
      ['array', 'literal', 'nullable', 'object', 'optional', 'string', 'template_literal'].sort(),
    );
  });
});
