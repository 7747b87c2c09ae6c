import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { apiReports } from '../scripts/package-check/api-report';
import { loadWithNode, typeCheckConsumers } from '../scripts/package-check/consumers';
import { typesVersionsProblems } from '../scripts/package-check/types-versions';
import {
  entryPoints,
  expectedTypesVersions,
  type Manifest,
  publishedPackages,
  repoRoot,
} from '../scripts/package-check/workspace';

const scratch = mkdtempSync(join(tmpdir(), 'listo-package-checks-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** A built package the way tsup lays ours out: ESM and CJS, `.d.ts` and `.d.cts`, a subpath and a JSON file. */
function fixturePackage(dir: string, options: { typesVersions: boolean; greet?: string }): Manifest {
  const branch = (name: string) => ({
    import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
    require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
  });
  const manifest: Manifest & Record<string, unknown> = {
    name: '@fixture/demo',
    version: '1.0.0',
    type: 'module',
    main: './dist/index.cjs',
    types: './dist/index.d.cts',
    exports: {
      '.': branch('index'),
      './extra': branch('extra'),
      './schema.json': './dist/schema.json',
      './doc.yaml': './dist/doc.yaml',
      './package.json': './package.json',
    },
  };
  const typesVersions = expectedTypesVersions(manifest);
  if (options.typesVersions && typesVersions) manifest.typesVersions = typesVersions;
  write(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  const greet = options.greet ?? 'export declare function greet(name: string): string;\n';
  for (const ext of ['d.ts', 'd.cts']) {
    write(join(dir, `dist/index.${ext}`), greet);
    write(join(dir, `dist/extra.${ext}`), 'export declare const EXTRA: 1;\n');
  }
  write(join(dir, 'dist/index.js'), "export function greet(name) { return 'hi ' + name; }\n");
  write(join(dir, 'dist/index.cjs'), "exports.greet = (name) => 'hi ' + name;\n");
  write(join(dir, 'dist/extra.js'), 'export const EXTRA = 1;\n');
  write(join(dir, 'dist/extra.cjs'), 'exports.EXTRA = 1;\n');
  write(join(dir, 'dist/schema.json'), '{ "type": "object" }\n');
  write(join(dir, 'dist/doc.yaml'), 'openapi: 3.1.0\n');
  return manifest;
}

/** A consumer project with the fixture installed in its node_modules (and @types/node, as ours have). */
function consumerProject(name: string, typesVersions: boolean): { project: string; manifest: Manifest } {
  const project = join(scratch, name);
  const manifest = fixturePackage(join(project, 'node_modules', '@fixture', 'demo'), { typesVersions });
  mkdirSync(join(project, 'node_modules', '@types'), { recursive: true });
  symlinkSync(
    realpathSync(join(repoRoot, 'node_modules', '@types', 'node')),
    join(project, 'node_modules', '@types', 'node'),
  );
  return { project, manifest };
}

describe('every published package', () => {
  it('is checked as partners install it, by the one shared check:package script', () => {
    const packages = publishedPackages();
    expect(packages.length).toBeGreaterThan(0);
    for (const { manifest } of packages) {
      expect(manifest.scripts?.['check:package'], manifest.name).toBe(
        'node --import tsx ../../scripts/package-check/main.ts check',
      );
    }
  });

  it('has the typesVersions that its exports imply', () => {
    for (const { manifest } of publishedPackages()) expect(typesVersionsProblems(manifest)).toEqual([]);
  });
});

describe('typesVersions derived from exports', () => {
  it('maps each code and JSON subpath to what require resolves, and leaves files that are not imported out', () => {
    const manifest = fixturePackage(join(scratch, 'derive'), { typesVersions: false });
    expect(expectedTypesVersions(manifest)).toEqual({
      '*': { extra: ['./dist/extra.d.cts'], 'schema.json': ['./dist/schema.json'] },
    });
    expect(entryPoints(manifest).map((e) => [e.specifier, e.kind])).toEqual([
      ['@fixture/demo', 'code'],
      ['@fixture/demo/extra', 'code'],
      ['@fixture/demo/schema.json', 'json'],
      ['@fixture/demo/doc.yaml', 'asset'],
    ]);
  });

  it('is absent for a package without subpaths, where "types" covers the one entry point', () => {
    expect(
      expectedTypesVersions({ name: 'x', version: '1.0.0', exports: { '.': './index.js' } }),
    ).toBeUndefined();
  });

  it('names the command that fixes it when it is missing', () => {
    const manifest = fixturePackage(join(scratch, 'missing'), { typesVersions: false });
    expect(typesVersionsProblems(manifest).join('\n')).toMatch(/Run `pnpm types-versions`/);
  });
});

describe('the consumer check', () => {
  it('finds that node10 resolution cannot see a subpath without typesVersions', () => {
    const { project, manifest } = consumerProject('without-types-versions', false);
    const problems = typeCheckConsumers(project, entryPoints(manifest));
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems)
      expect(problem).toMatch(/^node10 .*Cannot find module '@fixture\/demo\/(extra|schema\.json)'/);
  });

  it('passes in every mode with them, and Node loads each entry point alike through require and import', () => {
    const { project, manifest } = consumerProject('with-types-versions', true);
    expect(typeCheckConsumers(project, entryPoints(manifest))).toEqual([]);
    expect(loadWithNode(project, entryPoints(manifest))).toEqual([]);
  });

  it('finds an entry point whose CommonJS build exports other names than its ESM build', () => {
    const { project, manifest } = consumerProject('mismatch', true);
    write(
      join(project, 'node_modules/@fixture/demo/dist/extra.cjs'),
      'exports.EXTRA = 1; exports.OTHER = 2;\n',
    );
    expect(loadWithNode(project, entryPoints(manifest))).toEqual([
      '@fixture/demo/extra: require() exports ["EXTRA","OTHER"] but import exports ["EXTRA"]',
    ]);
  });
});

describe('the API report check', () => {
  const dir = join(scratch, 'api');

  it('accepts a report that matches the declarations, and fails naming pnpm api:update when they change', () => {
    const manifest = fixturePackage(dir, { typesVersions: true });
    expect(apiReports(dir, manifest, true)).toEqual([]);
    expect(apiReports(dir, manifest, false)).toEqual([]);

    fixturePackage(dir, {
      typesVersions: true,
      greet: 'export declare function greet(name: string, loud?: boolean): string;\n',
    });
    const problems = apiReports(dir, manifest, false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /public API of "@fixture\/demo" changed and etc\/demo\.api\.md was not updated/,
    );
    expect(problems[0]).toMatch(/Run `pnpm api:update`/);
    expect(problems[0]).toMatch(/\+ generated: .*loud\?: boolean/);
  });

  it('flags a report whose entry point is gone', () => {
    const manifest = fixturePackage(dir, { typesVersions: true });
    apiReports(dir, manifest, true);
    const { './extra': _, ...rest } = manifest.exports!;
    expect(apiReports(dir, { ...manifest, exports: rest }, false)).toEqual([
      '@fixture/demo: etc/demo-extra.api.md has no entry point any more. Run `pnpm api:update`.',
    ]);
  });
});
