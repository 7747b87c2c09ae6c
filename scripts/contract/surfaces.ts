/**
 * What a package's contract is made of, read from the working tree (no build needed):
 *
 * - `api/<name>.api.md`: the API reports that @microsoft/api-extractor writes to `packages/<p>/etc/`;
 * - `documents/<export>`: every JSON or YAML file the exports map publishes (`./json-schema/*.json`,
 *   `./asyncapi.json`, `./openapi/listo.yaml`), read from its committed source or produced by the package's
 *   own generator (see DOCUMENT_PROVIDERS);
 * - `exports/constants.json`: the value of every exported constant that is plain data (`ID_PREFIXES`,
 *   `EVENT_CATALOG`, `CONTRACT_STATUSES`, …), by entry point;
 * - `exports/zod-schemas.json`: the JSON Schema of every exported zod schema, by entry point, so that a
 *   schema export is compared by what it accepts rather than by the text of its static type.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { publishedPackages, sourceEntry, type WorkspacePackage } from './workspace';

export interface PackageContract {
  name: string;
  version: string;
  /** Record-relative path → file content. */
  files: Map<string, string>;
}

type DocumentProvider = {
  /** Which exports of which package this produces. */
  matches: (pkg: WorkspacePackage, exportKey: string) => boolean;
  /** Every document of the package it produces, by export key (`./asyncapi.json`). */
  produce: (pkg: WorkspacePackage) => Promise<Map<string, string>>;
};

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Documents that exist only after a build, produced here by the same generator the build runs. A package
 * that publishes a document none of these produce, and that has no committed source for it, fails loudly.
 */
const DOCUMENT_PROVIDERS: DocumentProvider[] = [
  {
    matches: (pkg, key) =>
      existsSync(join(pkg.dir, 'scripts/json-schema-documents.ts')) && /^\.\/json-schema\//.test(key),
    produce: async (pkg) => {
      const { jsonSchemaDocuments } = (await import(
        pathToFileURL(join(pkg.dir, 'scripts/json-schema-documents.ts')).href
      )) as { jsonSchemaDocuments: () => Map<string, unknown> };
      return new Map(
        [...jsonSchemaDocuments()].map(([file, schema]) => [`./json-schema/${file}`, json(schema)]),
      );
    },
  },
  {
    matches: (pkg, key) =>
      existsSync(join(pkg.dir, 'scripts/generate-asyncapi-document.ts')) && key === './asyncapi.json',
    produce: async (pkg) => {
      const { asyncapiDocument } = (await import(
        pathToFileURL(join(pkg.dir, 'scripts/generate-asyncapi-document.ts')).href
      )) as { asyncapiDocument: () => unknown };
      return new Map([['./asyncapi.json', json(asyncapiDocument())]]);
    },
  },
];

const DOCUMENT_TARGET = /\.(json|ya?ml)$/;

async function documents(pkg: WorkspacePackage, files: Map<string, string>): Promise<void> {
  const produced = new Map<DocumentProvider, Map<string, string>>();
  for (const [key, target] of Object.entries(pkg.manifest.exports ?? {})) {
    if (typeof target !== 'string' || !DOCUMENT_TARGET.test(target) || key === './package.json') continue;
    const committed = join(pkg.dir, target.replace(/^\.\/dist\//, './'));
    let content: string | undefined;
    if (!target.startsWith('./dist/') || existsSync(committed)) {
      content = readFileSync(committed, 'utf8');
    } else {
      const provider = DOCUMENT_PROVIDERS.find((p) => p.matches(pkg, key));
      if (!provider) {
        throw new Error(
          `${pkg.name} publishes ${key} (${target}), which exists only after a build and which no provider in scripts/contract/surfaces.ts produces. Add one that runs the same generator as the build.`,
        );
      }
      if (!produced.has(provider)) produced.set(provider, await provider.produce(pkg));
      content = produced.get(provider)!.get(key);
      if (content === undefined) throw new Error(`${pkg.name}: the generator of ${key} did not produce it`);
    }
    files.set(`documents/${key.slice(2)}`, content);
  }
}

function apiReports(pkg: WorkspacePackage, files: Map<string, string>): void {
  const etc = join(pkg.dir, 'etc');
  if (!existsSync(etc)) return;
  for (const file of readdirSync(etc).sort()) {
    if (file.endsWith('.api.md')) files.set(`api/${file}`, readFileSync(join(etc, file), 'utf8'));
  }
}

/** Plain data all the way down: what a constant's value is, as JSON, without losing anything. */
function isPlainData(value: unknown, depth = 0): boolean {
  if (depth > 50) return false;
  if (value === null || ['string', 'boolean'].includes(typeof value)) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isPlainData(v, depth + 1));
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(value as object).every((v) => isPlainData(v, depth + 1));
}

function isZodSchema(value: unknown): boolean {
  return typeof value === 'object' && value !== null && '_zod' in value && '~standard' in value;
}

async function runtimeExports(pkg: WorkspacePackage, files: Map<string, string>): Promise<void> {
  const constants: Record<string, Record<string, unknown>> = {};
  const schemas: Record<string, Record<string, unknown>> = {};
  let toJSONSchema: ((schema: unknown, options: object) => unknown) | undefined;
  for (const [key, target] of Object.entries(pkg.manifest.exports ?? {})) {
    const source = sourceEntry(target, ['node', 'import', 'default']);
    if (typeof source !== 'string') continue;
    const module = (await import(pathToFileURL(join(pkg.dir, source)).href)) as Record<string, unknown>;
    for (const name of Object.keys(module).sort()) {
      const value = module[name];
      if (isZodSchema(value)) {
        if (!toJSONSchema) {
          const require = createRequire(join(pkg.dir, 'package.json'));
          ({ toJSONSchema } = (await import(pathToFileURL(require.resolve('zod')).href)) as {
            toJSONSchema: typeof toJSONSchema;
          });
        }
        let schema: unknown;
        try {
          schema = toJSONSchema!(value, { target: 'draft-2020-12', io: 'output', unrepresentable: 'any' });
        } catch (error) {
          schema = { 'x-contract-unrepresentable': String(error) };
        }
        schemas[key] = { ...schemas[key], [name]: schema };
      } else if (isPlainData(value)) {
        constants[key] = { ...constants[key], [name]: value };
      }
    }
  }
  if (Object.keys(constants).length > 0) files.set('exports/constants.json', json(constants));
  if (Object.keys(schemas).length > 0) files.set('exports/zod-schemas.json', json(schemas));
}

/** The working tree's contract of one package. */
export async function packageContract(pkg: WorkspacePackage): Promise<PackageContract> {
  const files = new Map<string, string>();
  apiReports(pkg, files);
  await documents(pkg, files);
  await runtimeExports(pkg, files);
  return {
    name: pkg.name,
    version: pkg.version,
    files: new Map([...files].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** The working tree's contract of every published package under `root`. */
export async function workspaceContract(root: string): Promise<PackageContract[]> {
  const contracts: PackageContract[] = [];
  for (const pkg of publishedPackages(root)) contracts.push(await packageContract(pkg));
  return contracts;
}
