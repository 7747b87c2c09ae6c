// Writes dist/json-schema/*.json from the zod schemas. Run by `pnpm build`, after tsup.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { jsonSchemaDocuments } from './json-schema-documents';

const outDir = join(import.meta.dirname, '..', 'dist', 'json-schema');
mkdirSync(outDir, { recursive: true });
const documents = jsonSchemaDocuments();
for (const [file, schema] of documents)
  writeFileSync(join(outDir, file), `${JSON.stringify(schema, null, 2)}\n`);
console.log(`json-schema: wrote ${documents.size} files to dist/json-schema`);
