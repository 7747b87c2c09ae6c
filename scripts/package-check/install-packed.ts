import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Manifest, publishedPackages, readManifest, repoRoot, type WorkspacePackage } from './workspace';

/** The pnpm this repository pins (`packageManager`), from PATH when it is that one, else through npx. */
export function pnpm(): { command: string; args: string[] } {
  const pinned = (
    JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { packageManager: string }
  ).packageManager;
  const version = pinned.replace(/^pnpm@/, '');
  try {
    if (execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim() === version) {
      return { command: 'pnpm', args: [] };
    }
  } catch {
    // not on PATH
  }
  return { command: 'npx', args: ['-y', `pnpm@${version}`] };
}

/**
 * `pnpm pack` of workspace packages, in one pnpm run (so `workspace:^` ranges become the published ones);
 * returns each package's tarball by name. `root` is the workspace's (a copy of this repository, in tests).
 */
export function pack(names: string[], destination: string, root: string = repoRoot): Map<string, string> {
  const { command, args } = pnpm();
  const filters = names.flatMap((name) => ['--filter', name]);
  const out = execFileSync(
    command,
    [...args, ...filters, 'pack', '--json', '--pack-destination', destination],
    {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // One package prints an object, several an array; lifecycle output may come first.
  const parsed = JSON.parse(out.slice(out.search(/^[[{]/m))) as PackResult | PackResult[];
  return new Map((Array.isArray(parsed) ? parsed : [parsed]).map((p) => [p.name, p.filename]));
}

interface PackResult {
  name: string;
  filename: string;
}

/** The package and every published workspace package it depends on (dependencies and peers), transitively. */
export function withWorkspaceDependencies(name: string): WorkspacePackage[] {
  const byName = new Map(publishedPackages().map((p) => [p.manifest.name, p]));
  const closure = new Map<string, WorkspacePackage>();
  const visit = (current: string) => {
    const found = byName.get(current);
    if (!found || closure.has(current)) return;
    closure.set(current, found);
    for (const dep of runtimeDependencies(found.manifest)) visit(dep);
  };
  visit(name);
  return [...closure.values()];
}

function runtimeDependencies(manifest: Manifest): string[] {
  return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})];
}

function link(target: string, path: string): void {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  symlinkSync(target, path, 'dir');
}

/**
 * Installs `packageName` into `project/node_modules` as a partner's install lays it out: the tarballs of it
 * and of its workspace dependencies, unpacked; each third-party dependency linked to the copy the workspace
 * resolved from its lockfile (so nothing is fetched); `@types/node` for the consumer's own code. Returns the
 * package's own tarball.
 */
export function installPacked(packageName: string, project: string): string {
  const packs = join(project, '.packs');
  mkdirSync(packs, { recursive: true });
  const installed = withWorkspaceDependencies(packageName);
  const workspaceNames = new Set(installed.map((p) => p.manifest.name));
  const tarballs = pack([...workspaceNames], packs);
  for (const { dir, manifest } of installed) {
    const target = join(project, 'node_modules', manifest.name);
    const tarball = tarballs.get(manifest.name);
    if (!tarball) throw new Error(`pnpm pack did not pack ${manifest.name}`);
    mkdirSync(target, { recursive: true });
    execFileSync('tar', ['-xzf', tarball, '-C', target, '--strip-components=1']);
    // What the tarball declares, not the workspace manifest: this is what npm would install.
    for (const dep of runtimeDependencies(readManifest(target))) {
      if (workspaceNames.has(dep)) continue;
      const resolved = join(dir, 'node_modules', dep);
      if (existsSync(resolved)) link(realpathSync(resolved), join(project, 'node_modules', dep));
      else if (!manifest.peerDependenciesMeta?.[dep]?.optional) {
        throw new Error(`${manifest.name}: dependency ${dep} is not installed in the workspace`);
      }
    }
  }
  link(
    realpathSync(join(repoRoot, 'node_modules', '@types', 'node')),
    join(project, 'node_modules', '@types', 'node'),
  );
  return tarballs.get(packageName)!;
}
