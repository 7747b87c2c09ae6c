import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

/**
 * A throwaway copy of the repository's files (no .git, builds or caches) that runs without an install: the
 * root node_modules is a link to the real one, and each package's node_modules is a folder of links to the
 * real entries, except the workspace packages (`@listo/*`), which link to the copy's own. So the copy's
 * packages see each other as they are in the copy (versions, sources), and everything else as installed.
 */
export function copyRepo(): string {
  const copy = mkdtempSync(join(tmpdir(), 'listo-contract-'));
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|\.turbo|\.git|\.data|coverage)$/.test(src),
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(copy, 'node_modules'), 'dir');
  const workspace = new Map<string, string>();
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(copy, group))) {
      try {
        const manifest = JSON.parse(readFileSync(join(copy, group, name, 'package.json'), 'utf8')) as {
          name: string;
        };
        workspace.set(manifest.name, join(copy, group, name));
      } catch {
        // not a package
      }
    }
  }
  for (const dir of workspace.values()) {
    const real = join(repoRoot, relative(copy, dir), 'node_modules');
    if (!existsSync(real)) continue;
    const modules = join(dir, 'node_modules');
    mkdirSync(modules);
    for (const entry of readdirSync(real)) {
      if (entry.startsWith('@')) {
        mkdirSync(join(modules, entry));
        for (const scoped of readdirSync(join(real, entry))) {
          const name = `${entry}/${scoped}`;
          symlinkSync(workspace.get(name) ?? realpathSync(join(real, name)), join(modules, name), 'dir');
        }
      } else {
        symlinkSync(realpathSync(join(real, entry)), join(modules, entry), 'dir');
      }
    }
  }
  return copy;
}

export function removeCopy(copy: string): void {
  rmSync(copy, { recursive: true, force: true });
}

/** Runs one of the repository's TypeScript scripts the way its package.json script does. */
export function runScript(cwd: string, script: string, ...args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--conditions=@listo/source', '--import', 'tsx', script, ...args],
    {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Replaces the pending changesets with the given ones (`{ '@listo/events': 'patch' }`). */
export function setChangesets(
  copy: string,
  bumps: Record<string, 'patch' | 'minor' | 'major'>,
  summary = 'A change.',
) {
  const dir = join(copy, '.changeset');
  for (const file of readdirSync(dir))
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(dir, file));
  if (Object.keys(bumps).length === 0) return;
  const front = Object.entries(bumps)
    .map(([name, bump]) => `"${name}": ${bump}`)
    .join('\n');
  writeFileSync(join(dir, 'test-change.md'), `---\n${front}\n---\n\n${summary}\n`);
}

/** Edits a file of the copy with a string replacement that must apply. */
export function edit(copy: string, file: string, from: string | RegExp, to: string): void {
  const path = join(copy, file);
  const text = readFileSync(path, 'utf8');
  const next = text.replace(from, to);
  if (next === text) throw new Error(`${file}: ${String(from)} not found`);
  writeFileSync(path, next);
}
