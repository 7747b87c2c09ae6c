import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './repo-copy';

/** What a package's build does not read (turbo.json's `build` inputs leave out tests, benches and Markdown). */
const NOT_INPUT_FOLDER = /^(node_modules|dist|test|bench|\.turbo|coverage)$/;
const NOT_INPUT_FILE = /\.md$/;

/** The modification times of the files under `dir`, but those `skip` names (at any depth). */
function times(dir: string, skip: { folder?: RegExp; file?: RegExp }, into: number[]): number[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.folder?.test(entry.name)) times(path, skip, into);
    } else if (entry.isFile() && !skip.file?.test(entry.name)) {
      into.push(statSync(path).mtimeMs);
    }
  }
  return into;
}

/**
 * Whether the package's `dist` was built from its current sources: every file of it is newer than every input
 * of the build (its files but tests, benches and Markdown, and the shared tsconfig). A clean checkout followed by
 * `turbo run build` passes; an edit since, or no build at all, does not.
 */
export function freshBuild(packageDir: string): boolean {
  const dist = join(packageDir, 'dist');
  if (!existsSync(dist)) return false;
  const built = times(dist, {}, []);
  if (built.length === 0) return false;
  const inputs = times(packageDir, { folder: NOT_INPUT_FOLDER, file: NOT_INPUT_FILE }, [
    statSync(join(repoRoot, 'tsconfig.base.json')).mtimeMs,
  ]);
  return Math.min(...built) >= Math.max(...inputs);
}
