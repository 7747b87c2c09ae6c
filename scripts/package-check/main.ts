/**
 * The checks of a published package, as partners install it. Every published package's `check:package` script
 * is `node --import tsx ../../scripts/package-check/main.ts check` (turbo runs it after the package's build):
 *
 * 1. `typesVersions` matches `exports`, so that node10 resolution finds every subpath;
 * 2. the `pnpm pack` tarballs of the package and of its workspace dependencies, unpacked into a scratch project:
 *    publint --strict and attw (every resolution mode, node10 included) on what was packed; an import of every entry point type-checked
 *    as a node10 CommonJS project, a node16 one (CJS and ESM) and a bundler one would compile it; and every
 *    entry point loaded with Node through `require` and `import`; README.md, LICENSE (the root's text), and
 *    CHANGELOG.md and VERSIONING.md when the package has them, in the tarball, and every link of the packed
 *    README resolving (to a packed file, a heading, or an existing path under the repository's URL);
 * 3. the API reports in `etc/` match the built declarations (api-extractor).
 *
 * `main.ts api:update` rewrites the API reports of every published package; `main.ts types-versions` derives
 * every published package's `typesVersions` from its `exports`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { apiReports } from './api-report';
import { loadWithNode, typeCheckConsumers } from './consumers';
import { installPacked } from './install-packed';
import { shippedFilesProblems } from './shipped-files';
import { typesVersionsProblems, writeTypesVersions } from './types-versions';
import { entryPoints, publishedPackages, readManifest, repoRoot } from './workspace';

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

/** Runs one step, prints how long it took, and returns its problems (a failed command is one). */
async function step(name: string, run: () => string[] | Promise<string[]>): Promise<string[]> {
  const started = performance.now();
  let problems: string[];
  try {
    problems = await run();
  } catch (error) {
    const { stdout, stderr, message } = error as {
      stdout?: Buffer | string;
      stderr?: Buffer | string;
      message: string;
    };
    problems = [[stdout?.toString(), stderr?.toString()].filter(Boolean).join('\n') || message];
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${name} (${seconds} s)`);
  return problems;
}

/** publint, strict (warnings fail), on the package as installed from its tarball. */
async function lint(installed: string): Promise<string[]> {
  const { messages, pkg } = await publint({ pkgDir: installed, pack: false, strict: true });
  return messages
    .filter((m) => m.type === 'error')
    .map((m) => `publint: ${formatMessage(m, pkg, { color: false }) ?? m.code}`);
}

async function check(dir: string): Promise<number> {
  const manifest = readManifest(dir);
  const entries = entryPoints(manifest);
  const project = mkdtempSync(join(tmpdir(), 'listo-consumer-'));
  const problems: string[] = [];
  try {
    problems.push(...(await step('typesVersions matches exports', () => typesVersionsProblems(manifest))));
    let tarball = '';
    problems.push(
      ...(await step('pnpm pack, then install as a partner would', () => {
        tarball = installPacked(manifest.name, project);
        return [];
      })),
    );
    if (tarball) {
      problems.push(
        ...(await step('the tarball ships README, LICENSE, CHANGELOG, VERSIONING; README links resolve', () =>
          shippedFilesProblems({
            name: manifest.name,
            tarball,
            dir,
            repository: manifest.repository,
            repoRoot,
          }),
        )),
      );
      problems.push(
        ...(await step('publint --strict', () => lint(join(project, 'node_modules', manifest.name)))),
      );
      const assets = entries.filter((e) => e.kind === 'asset').map((e) => e.subpath);
      const exclude = assets.length > 0 ? ['--exclude-entrypoints', ...assets] : [];
      problems.push(
        ...(await step('attw (node10, node16 CJS and ESM, bundler)', () => {
          execFileSync(
            bin('attw'),
            [tarball, '--profile', 'strict', '--format', 'table-flipped', ...exclude],
            {
              cwd: dir,
            },
          );
          return [];
        })),
      );
      problems.push(
        ...(await step('a consumer type-checks an import of every entry point in each mode', () =>
          typeCheckConsumers(project, entries),
        )),
      );
      problems.push(
        ...(await step('Node loads every entry point with require and import', () =>
          loadWithNode(project, entries),
        )),
      );
    }
    problems.push(
      ...(await step('API reports (etc/*.api.md) match the build', () => apiReports(dir, manifest, false))),
    );
  } finally {
    rmSync(project, { recursive: true, force: true });
  }
  for (const problem of problems) console.error(`\n${problem}`);
  return problems.length === 0 ? 0 : 1;
}

const [command = 'check'] = process.argv.slice(2);
if (command === 'check') {
  process.exitCode = await check(process.cwd());
} else if (command === 'api:update') {
  for (const { dir, manifest } of publishedPackages()) {
    const problems = apiReports(dir, manifest, true);
    for (const problem of problems) console.error(problem);
    if (problems.length > 0) process.exitCode = 1;
  }
  console.log('API reports updated: review `git diff packages/*/etc` and commit them.');
} else if (command === 'types-versions') {
  for (const { dir, manifest } of publishedPackages()) {
    if (writeTypesVersions(dir)) console.log(`${manifest.name}: typesVersions updated`);
  }
} else {
  console.error(`unknown command ${command}: use check, api:update or types-versions`);
  process.exitCode = 2;
}
