import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface WorkspacePackage {
  name: string;
  version: string;
  /** Absolute path of the package folder. */
  dir: string;
  manifest: {
    name: string;
    version: string;
    private?: boolean;
    exports?: Record<string, unknown>;
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
  };
}

/**
 * The published packages of the workspace: every `packages/*` with a manifest that is not private and not
 * ignored by changesets. Apps are private and never have a contract.
 */
export function publishedPackages(root: string): WorkspacePackage[] {
  const config = JSON.parse(readFileSync(join(root, '.changeset', 'config.json'), 'utf8')) as {
    ignore?: string[];
  };
  const found: WorkspacePackage[] = [];
  for (const entry of readdirSync(join(root, 'packages'), { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(root, 'packages', entry.name);
    let manifest: WorkspacePackage['manifest'];
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue; // a folder without a manifest is not a package
    }
    if (manifest.private || config.ignore?.includes(manifest.name)) continue;
    found.push({ name: manifest.name, version: manifest.version, dir, manifest });
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The source file an `exports` entry's `@listo/source` condition points at. A condition split by runtime (events'
 * Node entry: `{ node, default }`) is resolved by the first of `prefer` it has, level by level, as a resolver
 * with those conditions would; JSON and YAML entries, which have no source condition, give `undefined`.
 */
export function sourceEntry(target: unknown, prefer: readonly string[]): string | undefined {
  let node =
    typeof target === 'object' && target !== null
      ? (target as Record<string, unknown>)['@listo/source']
      : undefined;
  for (let depth = 0; depth < 5 && typeof node === 'object' && node !== null; depth++) {
    const conditions = node as Record<string, unknown>;
    node = prefer.map((name) => conditions[name]).find((value) => value !== undefined);
  }
  return typeof node === 'string' ? node : undefined;
}
