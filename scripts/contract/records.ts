/**
 * The contract records: `contract/<package name>/<version>/`, one folder per released version of each
 * package, holding the files of surfaces.ts as they were when that version was cut. Written by
 * `pnpm version-packages` (record.ts), read by `pnpm contract:check`. Records are never rewritten.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { PackageContract } from './surfaces';

export const RECORDS_DIR = 'contract';
const MANIFEST = 'record.json';

/** Compares `x.y.z` versions (a pre-release sorts before its release). */
export function compareVersions(a: string, b: string): number {
  const parse = (v: string) => {
    const [core = '', pre] = v.split('-', 2);
    return { parts: core.split('.').map(Number), pre };
  };
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) {
    const d = (x.parts[i] ?? 0) - (y.parts[i] ?? 0);
    if (d !== 0) return d;
  }
  if (x.pre === y.pre) return 0;
  if (x.pre === undefined) return 1;
  if (y.pre === undefined) return -1;
  return x.pre < y.pre ? -1 : 1;
}

export function recordDir(root: string, name: string, version: string): string {
  return join(root, RECORDS_DIR, name, version);
}

/** Recorded versions of a package, oldest first. */
export function recordedVersions(root: string, name: string): string[] {
  const dir = join(root, RECORDS_DIR, name);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((v) => /^\d+\.\d+\.\d+/.test(v) && statSync(join(dir, v)).isDirectory())
    .sort(compareVersions);
}

/** The record a package's working tree is compared with: the newest one not newer than its version. */
export function baselineVersion(root: string, name: string, version: string): string | undefined {
  return recordedVersions(root, name)
    .filter((v) => compareVersions(v, version) <= 0)
    .at(-1);
}

export function readRecord(root: string, name: string, version: string): Map<string, string> {
  const base = recordDir(root, name, version);
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      const file = relative(base, path).split('\\').join('/');
      if (entry.isDirectory()) walk(path);
      else if (file !== MANIFEST) files.set(file, readFileSync(path, 'utf8'));
    }
  };
  walk(base);
  return files;
}

/**
 * Writes a package's contract as the record of its current version. JSON is normalised to its parsed value
 * on read by the comparers, so Biome's formatting of the written files changes nothing they see.
 */
export function writeRecord(root: string, contract: PackageContract): string {
  const base = recordDir(root, contract.name, contract.version);
  if (existsSync(base)) throw new Error(`${relative(root, base)} exists: records are never rewritten`);
  mkdirSync(base, { recursive: true });
  // What the record holds, so that a package with no surface yet still has a record of its release.
  const manifest = { name: contract.name, version: contract.version, files: [...contract.files.keys()] };
  writeFileSync(join(base, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, content] of contract.files) {
    const path = join(base, file);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  const biome = join(root, 'node_modules', '.bin', 'biome');
  if (existsSync(biome))
    execFileSync(biome, ['format', '--write', '--no-errors-on-unmatched', base], {
      cwd: root,
      stdio: 'ignore',
    });
  return base;
}
