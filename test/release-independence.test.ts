import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
}

const repoRoot = join(import.meta.dirname, '..');
const changesetBin = join(repoRoot, 'node_modules', '.bin', 'changeset');
const config = JSON.parse(readFileSync(join(repoRoot, '.changeset', 'config.json'), 'utf8')) as {
  ignore: string[];
};

function readWorkspace(root: string): Map<string, { dir: string; manifest: Manifest }> {
  const packages = new Map<string, { dir: string; manifest: Manifest }>();
  for (const group of ['packages', 'apps']) {
    for (const entry of readdirSync(join(root, group), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(root, group, entry.name);
      try {
        const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
        packages.set(manifest.name, { dir: relative(root, dir), manifest });
      } catch {
        // A folder without a package.json is not a workspace package.
      }
    }
  }
  return packages;
}

/** Released packages that depend, directly or through other released packages, on `name`. */
function releasedDependentsOf(name: string, packages: Map<string, { manifest: Manifest }>): Set<string> {
  const found = new Set<string>();
  let grew = true;
  while (grew) {
    grew = false;
    for (const [other, { manifest }] of packages) {
      if (found.has(other) || other === name || manifest.private || config.ignore.includes(other)) continue;
      const deps = Object.keys(manifest.dependencies ?? {});
      if (deps.includes(name) || deps.some((d) => found.has(d))) {
        found.add(other);
        grew = true;
      }
    }
  }
  return found;
}

function patchOf(version: string): string {
  const [major, minor, patch] = version.split('.').map(Number);
  return `${major}.${minor}.${(patch ?? 0) + 1}`;
}

describe('releasing one package (changesets, independent versions)', () => {
  let copy: string;
  const before = readWorkspace(repoRoot);

  beforeAll(() => {
    // Work on a throwaway copy so the real repository's versions and changesets are never touched.
    copy = mkdtempSync(join(tmpdir(), 'listo-release-'));
    cpSync(repoRoot, copy, {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist|\.turbo|\.git|\.data)$/.test(src),
    });
    for (const file of readdirSync(join(copy, '.changeset'))) {
      if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file));
    }
    writeFileSync(
      join(copy, '.changeset', 'ids-fix.md'),
      '---\n"@listo/ids": patch\n---\n\nA patch to @listo/ids only.\n',
    );
    execFileSync(changesetBin, ['version'], { cwd: copy, stdio: 'pipe' });
  }, 60_000);

  afterAll(() => {
    if (copy) rmSync(copy, { recursive: true, force: true });
  });

  it('bumps @listo/ids by a patch', () => {
    const after = readWorkspace(copy);
    const ids = before.get('@listo/ids')!.manifest.version;
    expect(after.get('@listo/ids')!.manifest.version).toBe(patchOf(ids));
  });

  it('gives released dependents of @listo/ids a patch (updateInternalDependencies: patch) and nothing more', () => {
    const after = readWorkspace(copy);
    for (const name of releasedDependentsOf('@listo/ids', before)) {
      expect(after.get(name)!.manifest.version, name).toBe(patchOf(before.get(name)!.manifest.version));
    }
  });

  it('leaves every other package, and every private app, at its version', () => {
    const after = readWorkspace(copy);
    const dependents = releasedDependentsOf('@listo/ids', before);
    for (const [name, { manifest }] of before) {
      if (name === '@listo/ids' || dependents.has(name)) continue;
      expect(after.get(name)!.manifest.version, name).toBe(manifest.version);
    }
  });

  it('writes the change into the changelog of @listo/ids', () => {
    const after = readWorkspace(copy);
    const changelog = readFileSync(join(copy, after.get('@listo/ids')!.dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('A patch to @listo/ids only.');
  });
});
