import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { edit } from './repo-copy';

/**
 * The source steps of CONTRIBUTING.md's walk-through "Adding `client.created` v2", applied to a copy of the
 * repository: the new file, its registry line, its exports, its published JSON Schema file and its fixture
 * template. (The changeset, documents and check steps are run by the caller, as a maintainer runs them.)
 */
export function addClientCreatedV2(dir: string): void {
  writeFileSync(
    join(dir, 'packages/events/src/events/client-created.v2.ts'),
    `import { z } from 'zod';
import { defineEvent } from '../define-event';
import { clientCreatedV1DataSchema } from './client-created.v1';

/** \`client.created\` v2 \`data\`: v1 plus the client's registered \`legalName\`. */
export const clientCreatedV2DataSchema = clientCreatedV1DataSchema.extend({ legalName: z.string() });

export type ClientCreatedV2Data = z.output<typeof clientCreatedV2DataSchema>;

export const clientCreatedV2 = defineEvent({
  type: 'client.created',
  dataVersion: 2,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: clientCreatedV2DataSchema,
});

/** The whole \`client.created\` v2 event: envelope plus data. */
export const clientCreatedV2EventSchema = clientCreatedV2.eventSchema;
`,
  );
  edit(
    dir,
    'packages/events/src/event-registry.ts',
    /(import \{ clientCreatedV1 \} from '\.\/events\/client-created\.v1';\n)/,
    "$1import { clientCreatedV2 } from './events/client-created.v2';\n",
  );
  edit(dir, 'packages/events/src/event-registry.ts', /(\n\s+clientCreatedV1,\n)/, '$1  clientCreatedV2,\n');
  edit(
    dir,
    'packages/events/src/index.ts',
    /(\nexport \{[^}]*\} from '\.\/events\/client-created\.v1';\n)/,
    `$1export {
  type ClientCreatedV2Data,
  clientCreatedV2DataSchema,
  clientCreatedV2EventSchema,
} from './events/client-created.v2';\n`,
  );
  // The fixture template: v1's, with the new field (the compiler demands one per version).
  edit(
    dir,
    'packages/events/src/fixtures/make-event.ts',
    /('client\.created': \{\n)(\s+)1:/,
    `$1$22: () => {
$2  const v1 = TEMPLATES['client.created'][1]();
$2  return { ...v1, dataVersion: 2 as const, data: { ...v1.data, legalName: \`\${v1.data.name} Ltd\` } };
$2},
$21:`,
  );
  addJsonSchemaExport(dir, 'client.created.v2.json');
}

/**
 * What step 4 of the walk-through leads to, as a file of type assertions over the copy's @listo/events with
 * `client.created` v2 in its registry: both versions typed through the public API (`DataVersionOf`, `EventOf`,
 * `makeEvent`, `parseEvent`, `createEventHandler`, `createEventHandlerFor`). Returns the tsconfig that compiles it
 * with the package's sources (not its tests, which step 4 fixes by hand).
 */
export function addClientCreatedV2TypeCheck(dir: string): string {
  writeFileSync(
    join(dir, 'packages/events/client-created-v2.check.ts'),
    `import { expectTypeOf } from 'vitest';
import { makeEvent } from './src/fixtures/index';
import {
  createEventHandlerFor,
  type DataVersionOf,
  type EventHandlers,
  type EventOf,
  parseEvent,
} from './src/index';

expectTypeOf<DataVersionOf<'client.created'>>().toEqualTypeOf<1 | 2>();
expectTypeOf<EventOf<'client.created', 2>['data']['legalName']>().toEqualTypeOf<string>();
expectTypeOf(makeEvent('client.created', 2).data.legalName).toEqualTypeOf<string>();
expectTypeOf(makeEvent('client.created', 1).dataVersion).toEqualTypeOf<1>();

// An exhaustive handler needs both versions, each given its own event.
type ClientCreatedHandlers = EventHandlers<void>['client.created'];
expectTypeOf<keyof ClientCreatedHandlers>().toEqualTypeOf<1 | 2>();
expectTypeOf<Parameters<ClientCreatedHandlers[2]>[0]>().toEqualTypeOf<EventOf<'client.created', 2>>();

// A subset handler may take one version and leave the other to otherwise.
createEventHandlerFor([['client.created', 2]], {
  'client.created': { 2: (e) => expectTypeOf(e.data.legalName).toEqualTypeOf<string>() },
  otherwise: () => undefined,
});

const parsed = parseEvent({});
if (parsed.kind === 'known' && parsed.event.type === 'client.created') {
  if (parsed.event.dataVersion === 2) expectTypeOf(parsed.event.data.legalName).toEqualTypeOf<string>();
  else expectTypeOf(parsed.event.dataVersion).toEqualTypeOf<1>();
}
`,
  );
  const tsconfig = 'packages/events/tsconfig.client-created-v2.json';
  writeFileSync(
    join(dir, tsconfig),
    JSON.stringify({
      extends: './tsconfig.json',
      compilerOptions: { noEmit: true },
      include: ['src', 'client-created-v2.check.ts'],
    }),
  );
  return tsconfig;
}

export const ARCHIVED = { type: 'client.archived', dataVersion: 1, field: 'archivedAt' } as const;

export function addClientArchivedV1(dir: string): void {
  writeFileSync(
    join(dir, 'packages/events/src/events/client-archived.v1.ts'),
    `import { z } from 'zod';
import { defineEvent } from '../define-event';
import { idSchema } from '../schemas/id-schema';
import { tolerantObject } from '../schemas/tolerant-object';

/** \`client.archived\` v1 \`data\` (made up for the release test). */
export const clientArchivedV1DataSchema = tolerantObject({ clientId: idSchema('client'), archivedAt: z.string() });

export const clientArchivedV1 = defineEvent({
  type: 'client.archived',
  dataVersion: 1,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: clientArchivedV1DataSchema,
});
`,
  );
  edit(
    dir,
    'packages/events/src/event-registry.ts',
    /(import \{ clientCreatedV1 \} from '\.\/events\/client-created\.v1';\n)/,
    "import { clientArchivedV1 } from './events/client-archived.v1';\n$1",
  );
  edit(dir, 'packages/events/src/event-registry.ts', /(\n\s+clientCreatedV1,\n)/, '$1  clientArchivedV1,\n');
  edit(
    dir,
    'packages/events/src/fixtures/make-event.ts',
    /(const TEMPLATES: Templates = \{\n)/,
    `$1  'client.archived': {
    1: () => ({
      id: \`lglsoevt_archived\${Date.now()}\`,
      type: 'client.archived',
      specVersion: 1,
      dataVersion: 1,
      occurredAt: new Date().toISOString(),
      entity: { type: 'client', id: 'lglsocli_archived' },
      data: { clientId: 'lglsocli_archived', archivedAt: new Date().toISOString() },
    }),
  },
`,
  );
  addJsonSchemaExport(dir, 'client.archived.v1.json');
}

function addJsonSchemaExport(dir: string, file: string): void {
  const manifestPath = join(dir, 'packages/events/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { exports: Record<string, unknown> };
  const exports: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(manifest.exports)) {
    if (key === './package.json') exports[`./json-schema/${file}`] = `./dist/json-schema/${file}`;
    exports[key] = value;
  }
  manifest.exports = exports;
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
}
