import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pack } from '../scripts/package-check/install-packed';
import { shippedFilesProblems, tarballFiles } from '../scripts/package-check/shipped-files';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  dependencies?: Record<string, string>;
  repository?: { url: string };
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

/** Released packages that list `name` in their `dependencies`. */
function releasedDirectDependentsOf(
  name: string,
  packages: Map<string, { manifest: Manifest }>,
): Set<string> {
  const found = new Set<string>();
  for (const [other, { manifest }] of packages) {
    if (other === name || manifest.private || config.ignore.includes(other)) continue;
    if (Object.keys(manifest.dependencies ?? {}).includes(name)) found.add(other);
  }
  return found;
}

function bump(version: string, kind: 'patch' | 'minor'): string {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map(Number);
  return kind === 'patch' ? `${major}.${minor}.${patch + 1}` : `${major}.${minor + 1}.0`;
}

/** Runs `changeset version` with one changeset for @listo/ids on a throwaway copy of the repository. */
function versionCopyWith(kind: 'patch' | 'minor'): { copy: string; after: ReturnType<typeof readWorkspace> } {
  const copy = mkdtempSync(join(tmpdir(), 'listo-release-'));
  copies.push(copy);
  cpSync(repoRoot, copy, {
    recursive: true,
    filter: (src) => !/[\\/](node_modules|dist|\.turbo|\.git|\.data)$/.test(src),
  });
  for (const file of readdirSync(join(copy, '.changeset'))) {
    if (file.endsWith('.md') && file !== 'README.md') rmSync(join(copy, '.changeset', file));
  }
  writeFileSync(
    join(copy, '.changeset', 'ids-change.md'),
    `---\n"@listo/ids": ${kind}\n---\n\nA ${kind} to @listo/ids only.\n`,
  );
  execFileSync(changesetBin, ['version'], { cwd: copy, stdio: 'pipe' });
  return { copy, after: readWorkspace(copy) };
}

const copies: string[] = [];
afterAll(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
});

const before = readWorkspace(repoRoot);
const versionOf = (name: string) => before.get(name)!.manifest.version;

describe("a release of @listo/ids that stays inside its dependents' ranges (a patch)", () => {
  let run: ReturnType<typeof versionCopyWith>;
  beforeAll(() => {
    run = versionCopyWith('patch');
  });

  it('bumps @listo/ids by a patch and writes its changelog', () => {
    expect(run.after.get('@listo/ids')!.manifest.version).toBe(bump(versionOf('@listo/ids'), 'patch'));
    const changelog = readFileSync(join(run.copy, run.after.get('@listo/ids')!.dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain('A patch to @listo/ids only.');
  });

  it('packs that changelog with the package, and the packed README links to it', () => {
    const { dir, manifest } = run.after.get('@listo/ids')!;
    const tarball = pack(['@listo/ids'], run.copy, run.copy).get('@listo/ids')!;
    expect(tarballFiles(tarball)).toContain('CHANGELOG.md');
    expect(
      shippedFilesProblems({
        name: manifest.name,
        tarball,
        dir: join(run.copy, dir),
        repository: manifest.repository,
        repoRoot: run.copy,
      }),
    ).toEqual([]);
  });

  it('leaves every other package at its version: dependents already accept the new version', () => {
    for (const [name, { manifest }] of before) {
      if (name !== '@listo/ids') expect(run.after.get(name)!.manifest.version, name).toBe(manifest.version);
    }
  });
});

describe("a release of @listo/ids that leaves its dependents' ranges (a breaking bump)", () => {
  let run: ReturnType<typeof versionCopyWith>;
  beforeAll(() => {
    run = versionCopyWith('minor'); // breaking while 0.x: ^0.1.0 does not accept 0.2.0
  });

  it('gives each released package that depends on it directly a patch with the new range', () => {
    const dependents = releasedDirectDependentsOf('@listo/ids', before);
    expect(dependents.size).toBeGreaterThan(0);
    for (const name of dependents) {
      expect(run.after.get(name)!.manifest.version, name).toBe(bump(versionOf(name), 'patch'));
    }
  });

  // A package that reaches @listo/ids only through one of those (the webhook handler, through @listo/events)
  // keeps its version: the dependent's patch is inside the range it already declares.
  it('leaves every other package, and the private apps, at their versions', () => {
    const dependents = releasedDirectDependentsOf('@listo/ids', before);
    for (const [name, { manifest }] of before) {
      if (name === '@listo/ids' || dependents.has(name)) continue;
      expect(run.after.get(name)!.manifest.version, name).toBe(manifest.version);
    }
  });
});
