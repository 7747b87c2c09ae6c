import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pack, pnpm, withWorkspaceDependencies } from '../../../scripts/package-check/install-packed';
import { repoRoot } from '../../../scripts/package-check/workspace';

export const examplesRoot: string = join(repoRoot, 'examples');

/** Every example: each folder of `examples/` with a package.json. */
export function exampleNames(): string[] {
  return readdirSync(examplesRoot, { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && readdirSync(join(examplesRoot, entry.name)).includes('package.json'),
    )
    .map((entry) => entry.name)
    .sort();
}

export interface InstalledExamples {
  /** The scratch folder: one subfolder per example, plus the tarballs in `.packs`. */
  dir: string;
  /** An example's installed copy. */
  path: (name: string) => string;
  /** A binary the scratch root installed (`bun`, `deno`: the runtimes a partner has on their machine). */
  bin: (name: string) => string;
}

function devDependency(pkg: string, name: string): string {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  const range = manifest.devDependencies[name];
  if (!range) throw new Error(`packages/${pkg} has no devDependency ${name}`);
  return range;
}

/**
 * Copies the examples into a scratch folder and installs them as a partner would, from packed tarballs: the
 * `@listo/*` ranges in their package.json stay as written, and an `overrides` entry of the scratch workspace
 * points each at its `pnpm pack` tarball (packed once, with the workspace's `workspace:^` ranges turned into
 * the published ones). One `pnpm install` for all, from the shared store (hard links, no download for what the
 * repository already installed). The scratch root also installs Bun and Deno, the versions the packages' own
 * runtime tests use.
 */
export function installExamples(names: string[] = exampleNames()): InstalledExamples {
  const dir = mkdtempSync(join(tmpdir(), 'listo-examples-'));
  const packs = join(dir, '.packs');
  mkdirSync(packs);
  const published = withWorkspaceDependencies('@listo/webhook-handler').map((p) => p.manifest.name);
  const tarballs = pack(published, packs);
  for (const name of names) {
    cpSync(join(examplesRoot, name), join(dir, name), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|dist|\.next|\.wrangler)$/.test(src),
    });
  }
  const overrides = [...tarballs].map(
    ([name, file]) => `  ${JSON.stringify(name)}: ${JSON.stringify(`file:${file}`)}`,
  );
  writeFileSync(
    join(dir, 'pnpm-workspace.yaml'),
    [
      'packages:',
      ...names.map((name) => `  - ${name}`),
      'overrides:',
      ...overrides,
      'onlyBuiltDependencies: [bun, deno, esbuild, workerd]',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'listo-examples-scratch',
      private: true,
      devDependencies: { bun: devDependency('webhooks', 'bun'), deno: devDependency('webhooks', 'deno') },
    }),
  );
  const { command, args } = pnpm();
  execFileSync(command, [...args, 'install', '--prefer-offline', '--config.confirmModulesPurge=false'], {
    cwd: dir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, CI: '1' },
  });
  return {
    dir,
    path: (name) => join(dir, name),
    bin: (name) => join(dir, 'node_modules', '.bin', name),
  };
}
