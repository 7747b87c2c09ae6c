// Writes dist/asyncapi.json (published as @listo/events/asyncapi.json). Run by `pnpm build`, after the JSON Schemas.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { asyncapiDocument } from './generate-asyncapi-document';

const outDir = join(import.meta.dirname, '..', 'dist');
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'asyncapi.json'), `${JSON.stringify(asyncapiDocument(), null, 2)}\n`);
console.log('asyncapi: wrote dist/asyncapi.json');
