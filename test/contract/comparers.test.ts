import { describe, expect, it } from 'vitest';
import { requiredBump } from '../../scripts/contract/changes';
import { compareApiReports } from '../../scripts/contract/compare/api-report';
import { compareContracts } from '../../scripts/contract/compare/index';
import { compareJsonSchemas, type SchemaMode } from '../../scripts/contract/compare/json-schema';
import { compareOpenapi } from '../../scripts/contract/compare/openapi';
import { compareValues } from '../../scripts/contract/compare/values';

// biome-ignore lint/suspicious/noExplicitAny: the corpus builds arbitrary JSON Schema and OpenAPI fragments.
type Any = any;

/** A whole event as zod writes it: a loose object with `data` holding the given properties. */
function event(
  properties: Record<string, Any>,
  required: string[] = Object.keys(properties),
  extra: Any = {},
) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      type: { type: 'string', const: 'worker.onboarded' },
      data: { type: 'object', properties, required, additionalProperties: {}, ...extra },
    },
    required: ['type', 'data'],
    additionalProperties: {},
  };
}
const nullable = (schema: Any) => ({ anyOf: [schema, { type: 'null' }] });
const str = { type: 'string' };

const schemaCorpus: {
  name: string;
  before: Any;
  after: Any;
  mode?: SchemaMode;
  expected: [level: string, message: string][];
}[] = [
  {
    name: 'a field that no longer accepts null',
    before: event({ phone: nullable(str) }),
    after: event({ phone: str }),
    expected: [['major', 'data.phone: no longer accepts null']],
  },
  {
    name: 'a field that now accepts null (loosening)',
    before: event({ phone: str }),
    after: event({ phone: nullable(str) }),
    expected: [['patch', 'data.phone: now also accepts null']],
  },
  {
    name: 'a field made required',
    before: event({ email: str, phone: str }, ['email']),
    after: event({ email: str, phone: str }, ['email', 'phone']),
    expected: [['major', 'data.phone: is now required']],
  },
  {
    name: 'a field made optional (loosening)',
    before: event({ email: str, phone: str }),
    after: event({ email: str, phone: str }, ['email']),
    expected: [['patch', 'data.phone: may now be absent']],
  },
  {
    name: 'a new optional field',
    before: event({ email: str }),
    after: event({ email: str, nickname: str }, ['email']),
    expected: [['minor', 'data.nickname: is a new optional field']],
  },
  {
    name: 'a new required field',
    before: event({ email: str }),
    after: event({ email: str, nickname: str }),
    expected: [['major', 'data.nickname: is a new field, and required']],
  },
  {
    name: 'a removed field',
    before: event({ email: str, phone: str }),
    after: event({ email: str }),
    expected: [['major', 'data.phone: was removed']],
  },
  {
    name: 'an enum that lost a value',
    before: event({ status: { type: 'string', enum: ['DRAFT', 'EXECUTED'] } }),
    after: event({ status: { type: 'string', enum: ['EXECUTED'] } }),
    expected: [['major', "data.status: no longer accepts 'DRAFT'"]],
  },
  {
    name: 'an enum that gained a value (loosening)',
    before: event({ status: { type: 'string', enum: ['EXECUTED'] } }),
    after: event({ status: { type: 'string', enum: ['EXECUTED', 'DRAFT'] } }),
    expected: [['patch', "data.status: now also accepts 'DRAFT'"]],
  },
  {
    name: 'an open string narrowed to an enum',
    before: event({ status: { type: 'string', examples: ['EXECUTED'] } }),
    after: event({ status: { type: 'string', enum: ['EXECUTED'] } }),
    expected: [['major', "data.status: now accepts only 'EXECUTED'"]],
  },
  {
    name: 'a pattern added to a string (narrowed)',
    before: event({ id: str }),
    after: event({ id: { type: 'string', pattern: '^lglsowpr_[A-Za-z0-9_-]+$' } }),
    expected: [['major', 'data.id: must now match /^lglsowpr_[A-Za-z0-9_-]+$/']],
  },
  {
    name: 'a pattern removed (loosening)',
    before: event({ id: { type: 'string', pattern: '^a' } }),
    after: event({ id: str }),
    expected: [['patch', 'data.id: no longer has to match /^a/']],
  },
  {
    name: 'a pattern replaced by another one',
    before: event({ id: { type: 'string', pattern: '^a' } }),
    after: event({ id: { type: 'string', pattern: '^b' } }),
    expected: [['major', 'data.id: must now match /^b/ instead of /^a/']],
  },
  {
    name: 'a format added',
    before: event({ birth: str }),
    after: event({ birth: { type: 'string', format: 'date' } }),
    expected: [['major', 'data.birth: must now be a valid date']],
  },
  {
    name: 'a maxLength tightened, a minLength loosened',
    before: event({ name: { type: 'string', minLength: 2, maxLength: 100 } }),
    after: event({ name: { type: 'string', minLength: 1, maxLength: 50 } }),
    expected: [
      ['patch', 'data.name: minLength is now 1 (was 2)'],
      ['major', 'data.name: maxLength is now 50 (was 100)'],
    ],
  },
  {
    name: 'a type changed',
    before: event({ count: str }),
    after: event({ count: { type: 'integer' } }),
    expected: [
      ['major', 'data.count: no longer accepts a string'],
      ['patch', 'data.count: now also accepts an integer'],
    ],
  },
  {
    name: 'an integer widened to a number (loosening)',
    before: event({ count: { type: 'integer' } }),
    after: event({ count: { type: 'number' } }),
    expected: [['patch', 'data.count: now also accepts a number']],
  },
  {
    name: 'an object closed to unknown fields',
    before: event({ email: str }),
    after: event({ email: str }, ['email'], { additionalProperties: false }),
    expected: [['major', 'data: no longer accepts unknown fields in `data`']],
  },
  {
    name: 'an object opened to unknown fields (loosening)',
    before: event({ email: str }, ['email'], { additionalProperties: false }),
    after: event({ email: str }),
    expected: [['patch', 'data: now accepts unknown fields in `data`']],
  },
  {
    name: 'a change inside array items',
    before: event({ contracts: { type: 'array', items: { type: 'object', properties: { id: str } } } }),
    after: event({
      contracts: { type: 'array', items: { type: 'object', properties: { id: str }, required: ['id'] } },
    }),
    expected: [['major', 'data.contracts[].id: is now required']],
  },
  {
    name: 'a const changed (a dataVersion literal)',
    before: event({ v: { type: 'number', const: 1 } }),
    after: event({ v: { type: 'number', const: 2 } }),
    expected: [
      ['major', 'data.v: no longer accepts 1'],
      ['patch', 'data.v: now also accepts 2'],
    ],
  },
  {
    name: 'only documentation changed',
    before: event({ email: { type: 'string', description: 'old words', examples: ['a@b.c'] } }),
    after: event({ email: { type: 'string', description: 'new words', examples: ['x@y.z'] } }),
    expected: [],
  },
  {
    name: 'a change behind a $ref',
    before: {
      $defs: { A: { type: 'object', properties: { x: str } } },
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
    },
    after: {
      $defs: { A: { type: 'object', properties: { x: nullable(str) } } },
      type: 'object',
      properties: { a: { $ref: '#/$defs/A' } },
    },
    expected: [['patch', 'a.x: now also accepts null']],
  },
  {
    name: 'a rule this comparer does not order (conservatively breaking)',
    before: event({ tags: { type: 'array', items: str } }),
    after: event({ tags: { type: 'array', items: str, uniqueItems: true } }),
    expected: [['major', 'data.tags: its `uniqueItems` rule changed']],
  },
  {
    name: 'a response field that may now be absent (returns mode)',
    mode: 'returns',
    before: { type: 'object', properties: { name: str }, required: ['name'] },
    after: { type: 'object', properties: { name: str } },
    expected: [['major', 'name: may now be absent']],
  },
  {
    name: 'a response field that may now be null (returns mode)',
    mode: 'returns',
    before: { type: 'object', properties: { name: str } },
    after: { type: 'object', properties: { name: nullable(str) } },
    expected: [['major', 'name: now also accepts null']],
  },
  {
    name: 'a response field that is now always present (returns mode)',
    mode: 'returns',
    before: { type: 'object', properties: { name: str } },
    after: { type: 'object', properties: { name: str }, required: ['name'] },
    expected: [['patch', 'name: is now required']],
  },
];

describe('the JSON Schema comparer, on a corpus of changes with their expected class', () => {
  it.each(schemaCorpus.map((c) => [c.name, c] as const))('%s', (_, { before, after, mode, expected }) => {
    const found = compareJsonSchemas(before, after, mode ?? 'accepts').map((d) => [
      d.level,
      `${d.path}: ${d.message}`,
    ]);
    expect(found).toEqual(expected);
  });

  it('finds nothing between a schema and itself, recursive ones included', () => {
    const recursive = {
      $defs: {
        N: { type: 'object', properties: { children: { type: 'array', items: { $ref: '#/$defs/N' } } } },
      },
      $ref: '#/$defs/N',
    };
    expect(compareJsonSchemas(recursive, structuredClone(recursive), 'accepts')).toEqual([]);
    const changed = structuredClone(recursive) as Any;
    changed.$defs.N.properties.name = str;
    expect(compareJsonSchemas(recursive, changed, 'accepts').map((d) => d.message)).toContain(
      'is a new optional field',
    );
  });
});

const api = (paths: Any, extra: Any = {}) => ({
  openapi: '3.1.0',
  info: { title: 't', version: '1' },
  paths,
  ...extra,
});
const get = (operation: Any = {}) => ({
  get: {
    responses: {
      '200': {
        description: 'ok',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Client' } } },
      },
    },
    ...operation,
  },
});
const components = (client: Any) => ({
  components: {
    schemas: { Client: { type: 'object', required: ['id'], properties: { id: str, ...client } } },
  },
});

describe('the OpenAPI comparer', () => {
  const base = api({ '/clients': get() }, components({ name: str }));
  const cases: [string, Any, [string, string][]][] = [
    ['a removed endpoint', api({}, components({ name: str })), [['major', '`GET /clients`: was removed']]],
    [
      'a new endpoint',
      api({ '/clients': get(), '/users': get() }, components({ name: str })),
      [['minor', '`GET /users`: is a new endpoint']],
    ],
    [
      'a new required parameter',
      api(
        { '/clients': get({ parameters: [{ name: 'q', in: 'query', required: true, schema: str }] }) },
        components({ name: str }),
      ),
      [['major', '`GET /clients`: query parameter `q` is new and required']],
    ],
    [
      'a new optional parameter',
      api(
        { '/clients': get({ parameters: [{ name: 'q', in: 'query', schema: str }] }) },
        components({ name: str }),
      ),
      [['minor', '`GET /clients`: query parameter `q` is new (optional)']],
    ],
    [
      'a removed response field (through a $ref)',
      api({ '/clients': get() }, components({})),
      [['major', '`GET /clients`: the 200 response `name` was removed']],
    ],
    [
      'a new response field',
      api({ '/clients': get() }, components({ name: str, city: str })),
      [['minor', '`GET /clients`: the 200 response `city` is a new optional field']],
    ],
    [
      'a response field that may now be null',
      api({ '/clients': get() }, components({ name: { type: ['string', 'null'] } })),
      [['major', '`GET /clients`: the 200 response `name` now also accepts null']],
    ],
  ];
  it.each(cases)('%s', (_, after, expected) => {
    expect(compareOpenapi(base as Any, after).map((c) => [c.level, `${c.subject}: ${c.message}`])).toEqual(
      expected,
    );
  });

  it('tightening a parameter is breaking, loosening it a patch', () => {
    const withParam = (schema: Any) =>
      api(
        { '/clients': get({ parameters: [{ name: 'q', in: 'query', schema }] }) },
        components({ name: str }),
      );
    expect(
      compareOpenapi(withParam(str), withParam({ type: 'string', maxLength: 5 })).map((c) => c.level),
    ).toEqual(['major']);
    expect(
      compareOpenapi(withParam({ type: 'string', maxLength: 5 }), withParam(str)).map((c) => c.level),
    ).toEqual(['patch']);
  });
});

const report = (body: string) =>
  `## API Report File for "@listo/x"\n\n> Do not edit this file.\n\n\`\`\`ts\n\nimport { z } from 'zod';\n\n${body}\n\n// (No @packageDocumentation comment for this package)\n\n\`\`\`\n`;

describe('the API report comparer', () => {
  const before = report(`// @public
export function isId(kind: string, value: unknown): boolean;

// @public
export interface Options {
    tolerance?: number;
}

// @public (undocumented)
export const workerSchema: z.ZodObject<{ a: z.ZodString }>;

// Warning: (ae-forgotten-export) The symbol "Helper" needs to be exported by the entry point index.d.ts
type Helper = { a: string };

// @public
export const ID_PREFIXES: Readonly<{ client: "lglsocli_" }>;`);

  const cases: [string, string, [string, string][]][] = [
    [
      'a new export',
      before.replace(
        'export const ID_PREFIXES',
        'export function idKind(value: string): string | undefined;\n\nexport const ID_PREFIXES',
      ),
      [['minor', 'export `idKind` (x.api.md): is new']],
    ],
    [
      'a removed export',
      before.replace(/\/\/ @public\nexport function isId[^\n]+\n/, ''),
      [['major', 'export `isId` (x.api.md): was removed']],
    ],
    [
      'a changed signature',
      before.replace('value: unknown): boolean', 'value: string): boolean'),
      [
        [
          'major',
          'export `isId` (x.api.md): changed: was `function isId(kind: string, value: unknown): boolean;`, is `function isId(kind: string, value: string): boolean;`',
        ],
      ],
    ],
    [
      'a changed type reachable from the exports',
      before.replace('type Helper = { a: string }', 'type Helper = { a: number }'),
      [
        [
          'major',
          'type `Helper` used by the exports (x.api.md): changed: was `type Helper = { a: string; };`, is `type Helper = { a: number; };`',
        ],
      ],
    ],
    [
      "a zod schema export's static type (compared by its JSON Schema instead)",
      before.replace('{ a: z.ZodString }', '{ a: z.ZodString; b: z.ZodOptional<z.ZodString> }'),
      [
        [
          'patch',
          'export `workerSchema` (x.api.md): its static type changed; what the schema accepts is compared on its own',
        ],
      ],
    ],
    [
      'only comments and whitespace',
      before.replace('// @public\nexport interface', '// @beta\nexport    interface'),
      [],
    ],
  ];
  it.each(cases)('%s', (_, after, expected) => {
    expect(
      compareApiReports(before, after, 'x.api.md', new Set(['workerSchema'])).map((c) => [
        c.level,
        `${c.subject}: ${c.message}`,
      ]),
    ).toEqual(expected);
  });
});

describe('the exported-constants comparer', () => {
  const catalog = [{ type: 'client.created', dataVersion: 1, entityType: 'client' }];
  it('treats a new (type, dataVersion) in EVENT_CATALOG as breaking, as VERSIONING.md says', () => {
    const changes = compareValues(
      { '.': { EVENT_CATALOG: catalog } },
      {
        '.': {
          EVENT_CATALOG: [...catalog, { type: 'client.created', dataVersion: 2, entityType: 'client' }],
        },
      },
    );
    expect(changes).toEqual([
      {
        level: 'major',
        subject: 'export `EVENT_CATALOG`',
        message:
          'knows a new (type, dataVersion) `client.created` v2: every exhaustive createEventHandler must now handle it',
      },
    ]);
  });

  it('treats a new ID kind as a minor and a changed prefix as breaking', () => {
    const before = { '.': { ID_PREFIXES: { client: 'lglsocli_' } } };
    expect(
      compareValues(before, { '.': { ID_PREFIXES: { client: 'lglsocli_', team: 'lglsotm_' } } }),
    ).toEqual([{ level: 'minor', subject: 'export `ID_PREFIXES`', message: '`team` is new' }]);
    expect(compareValues(before, { '.': { ID_PREFIXES: { client: 'lglsoclient_' } } })).toEqual([
      {
        level: 'major',
        subject: 'export `ID_PREFIXES`',
        message: '`client` changed from "lglsocli_" to "lglsoclient_"',
      },
    ]);
  });
});

describe('a whole contract', () => {
  it('names an event document by its type and dataVersion', () => {
    const file = 'documents/json-schema/worker.onboarded.v1.json';
    const changes = compareContracts(
      new Map([[file, JSON.stringify(event({ phone: nullable(str) }))]]),
      new Map([[file, JSON.stringify(event({ phone: str }))]]),
    );
    expect(changes).toEqual([
      { level: 'major', subject: '`worker.onboarded` v1', message: '`data.phone` no longer accepts null' },
    ]);
  });

  it('does not compare a kind of file the record did not have yet (API reports before the first api-extractor run)', () => {
    expect(compareContracts(new Map(), new Map([['api/x.api.md', report('export const a: 1;')]]))).toEqual(
      [],
    );
    expect(
      compareContracts(
        new Map([['api/x.api.md', report('')]]),
        new Map([
          ['api/x.api.md', report('')],
          ['api/x-node.api.md', report('')],
        ]),
      ),
    ).toEqual([{ level: 'minor', subject: 'API report x-node.api.md', message: 'is a new entry point' }]);
  });
});

describe('the bump a change needs', () => {
  it('is the level itself from 1.0, and one step lower while 0.x (breaking → minor)', () => {
    expect(['major', 'minor', 'patch', 'none'].map((l) => requiredBump(l as never, '1.4.0'))).toEqual([
      'major',
      'minor',
      'patch',
      'none',
    ]);
    expect(['major', 'minor', 'patch', 'none'].map((l) => requiredBump(l as never, '0.3.1'))).toEqual([
      'minor',
      'patch',
      'patch',
      'none',
    ]);
  });
});
