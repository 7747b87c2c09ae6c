import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { publishedPackages as contractPackages } from '../contract/workspace';

/** The fields of a package.json that the package checks read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  repository?: { url: string; directory?: string } | string;
  exports?: Record<string, ExportTarget>;
  typesVersions?: Record<string, Record<string, string[]>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  scripts?: Record<string, string>;
}

export type ExportTarget = string | null | { [condition: string]: ExportTarget };

export interface WorkspacePackage {
  dir: string;
  manifest: Manifest;
}

/**
 * One subpath of a package's `exports`. `code` entries have declarations for both module systems; `json`
 * entries are data files that TypeScript can import (`resolveJsonModule`); `asset` entries (a YAML document)
 * are read as files, never imported, so no type resolution applies to them.
 */
export interface EntryPoint {
  /** The `exports` key: `.`, `./node`, `./json-schema/envelope.json`… */
  subpath: string;
  /** What a consumer writes: `@listo/webhooks/node`. */
  specifier: string;
  kind: 'code' | 'json' | 'asset';
  /** Declarations behind `import` (`.d.ts`) and `require` (`.d.cts`), or the file itself for json and asset. */
  importTypes: string;
  requireTypes: string;
}

export const repoRoot: string = join(import.meta.dirname, '..', '..');

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/**
 * Every published package (not private, not ignored by changesets), by name. Which packages those are is
 * decided in one place, the contract tooling's workspace module; this adds the manifest fields checked here.
 */
export function publishedPackages(root: string = repoRoot): WorkspacePackage[] {
  return contractPackages(root).map(({ dir }) => ({ dir, manifest: readManifest(dir) }));
}

/**
 * Follows a conditional `exports` target the way a resolver does: the first key (in order) that is one of
 * `conditions` or `default` wins. Conditions this repository adds for itself (`@listo/source`) are never in
 * `conditions`, so they are skipped as a published consumer skips them.
 */
export function resolveTarget(target: ExportTarget, conditions: readonly string[]): string | undefined {
  if (target === null) return undefined;
  if (typeof target === 'string') return target;
  for (const [key, value] of Object.entries(target)) {
    if (key !== 'default' && !conditions.includes(key)) continue;
    const resolved = resolveTarget(value, conditions);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

const CODE = /\.[cm]?js$/;

/** The entry points of a package, from its `exports` map (`./package.json` excluded). */
export function entryPoints(manifest: Manifest): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
    if (subpath === './package.json') continue;
    const specifier = subpath === '.' ? manifest.name : `${manifest.name}/${subpath.slice(2)}`;
    const js = resolveTarget(target, ['import']);
    if (typeof target === 'string' || js === undefined || !CODE.test(js)) {
      const file = typeof target === 'string' ? target : (js ?? '');
      const kind = file.endsWith('.json') ? 'json' : 'asset';
      entries.push({ subpath, specifier, kind, importTypes: file, requireTypes: file });
      continue;
    }
    const importTypes = resolveTarget(target, ['import', 'types']);
    const requireTypes = resolveTarget(target, ['require', 'types']);
    if (!importTypes?.match(/\.d\.[cm]?ts$/) || !requireTypes?.match(/\.d\.[cm]?ts$/)) {
      throw new Error(
        `${manifest.name}: exports["${subpath}"] needs a "types" condition in import and require`,
      );
    }
    entries.push({ subpath, specifier, kind: 'code', importTypes, requireTypes });
  }
  return entries;
}

/**
 * The `typesVersions` that make every subpath resolve under `moduleResolution: node10`, which ignores
 * `exports`: each code or JSON subpath maps to what `require` + `types` resolves to through `exports`.
 * Undefined when the package has no subpath (`types` alone covers `.`).
 */
export function expectedTypesVersions(manifest: Manifest): Manifest['typesVersions'] {
  const paths: Record<string, string[]> = {};
  for (const entry of entryPoints(manifest)) {
    if (entry.subpath === '.' || entry.kind === 'asset') continue;
    paths[entry.subpath.slice(2)] = [entry.requireTypes];
  }
  return Object.keys(paths).length === 0 ? undefined : { '*': paths };
}
