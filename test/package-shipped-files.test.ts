import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  markdownLinks,
  repositoryWebUrl,
  shippedFilesProblems,
} from '../scripts/package-check/shipped-files';

const scratch = mkdtempSync(join(tmpdir(), 'listo-shipped-files-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const REPO = 'https://github.com/fixture/repo';
const LICENSE = 'MIT License\n\nCopyright (c) the fixture\n';

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

const README = `# @fixture/demo

Versions: [VERSIONING.md](./VERSIONING.md). Speed: [BENCHMARKS.md](${REPO}/blob/main/packages/demo/BENCHMARKS.md).
Also see [the API](#the-api) and [the source](${REPO}/tree/main/packages/demo/src).

## The API

\`\`\`ts
// [not a link](./missing-in-code.md)
\`\`\`

## Changes and license

[CHANGELOG.md](./CHANGELOG.md), [LICENSE](./LICENSE), [the build](./dist).
`;

/**
 * A repository with one package, packages/demo, and that package's tarball as `pnpm pack` lays it out (every
 * file under `package/`). `packed` is what goes into the tarball; `inDir` adds files the package directory has.
 */
function fixture(
  name: string,
  packed: Record<string, string>,
  inDir: Record<string, string> = {},
): { tarball: string; dir: string; repoRoot: string } {
  const repoRoot = join(scratch, name, 'repo');
  const dir = join(repoRoot, 'packages', 'demo');
  write(join(repoRoot, 'LICENSE'), LICENSE);
  write(join(dir, 'BENCHMARKS.md'), '# numbers\n');
  write(join(dir, 'src', 'index.ts'), 'export {};\n');
  for (const [file, text] of Object.entries({ ...packed, ...inDir })) write(join(dir, file), text);
  const staging = join(scratch, name, 'staging');
  for (const [file, text] of Object.entries(packed)) write(join(staging, 'package', file), text);
  const tarball = join(scratch, name, 'demo-1.0.0.tgz');
  execFileSync('tar', ['-czf', tarball, '-C', staging, 'package']);
  return { tarball, dir, repoRoot };
}

const complete = {
  'package.json': '{}',
  'README.md': README,
  LICENSE,
  'CHANGELOG.md': '# @fixture/demo\n',
  'VERSIONING.md': '# Versioning\n',
  'dist/index.js': 'export {};\n',
};

function problemsOf(name: string, packed: Record<string, string>, inDir?: Record<string, string>): string[] {
  const { tarball, dir, repoRoot } = fixture(name, packed, inDir);
  return shippedFilesProblems({
    name: '@fixture/demo',
    tarball,
    dir,
    repository: { url: `git+${REPO}.git` },
    repoRoot,
  });
}

describe('the shipped-files check of a packed package', () => {
  it('passes a tarball with README, LICENSE, CHANGELOG and VERSIONING whose README links all resolve', () => {
    expect(problemsOf('complete', complete)).toEqual([]);
  });

  it('names a README link to a file the tarball does not hold, and how to fix it', () => {
    const readme = `${README}\nSpeed: [BENCHMARKS.md](./BENCHMARKS.md).\n`;
    expect(problemsOf('missing-link', { ...complete, 'README.md': readme })).toEqual([
      '@fixture/demo: README.md links to ./BENCHMARKS.md, which is not in the tarball. Add it to "files" in ' +
        `package.json, or link it by its repository URL (${REPO}/blob/main/…).`,
    ]);
  });

  it('names links out of the package, to a path the repository lacks, and to a heading the README lacks', () => {
    const readme = `${README}\n[ids](../ids), [gone](${REPO}/blob/main/packages/demo/GONE.md), [x](#nowhere).\n`;
    const problems = problemsOf('bad-links', { ...complete, 'README.md': readme });
    expect(problems).toHaveLength(3);
    expect(problems[0]).toMatch(/links to \.\.\/ids, outside the package: .*Link it by its repository URL/);
    expect(problems[1]).toMatch(/links to .*\/GONE\.md, which names no file of the repository/);
    expect(problems[2]).toMatch(/links to #nowhere, which is not a heading of the README/);
  });

  it('requires a LICENSE with the repository license text', () => {
    const { LICENSE: _, ...withoutLicense } = complete;
    expect(problemsOf('no-license', withoutLicense)).toEqual([
      expect.stringMatching(/^@fixture\/demo: the tarball has no LICENSE\. Add a LICENSE file/),
      '@fixture/demo: README.md links to ./LICENSE, which is not in the tarball. Add it to "files" in ' +
        `package.json, or link it by its repository URL (${REPO}/blob/main/…).`,
    ]);
    expect(problemsOf('other-license', { ...complete, LICENSE: 'ISC\n' })).toEqual([
      "@fixture/demo: the packed LICENSE differs from the repository's LICENSE. Copy the root one.",
    ]);
  });

  it('requires CHANGELOG.md and VERSIONING.md in the tarball when the package directory has them', () => {
    const { 'CHANGELOG.md': changelog, 'VERSIONING.md': versioning, ...rest } = complete;
    expect(
      problemsOf('unpacked-docs', rest, { 'CHANGELOG.md': changelog, 'VERSIONING.md': versioning }),
    ).toEqual([
      '@fixture/demo: CHANGELOG.md is not in the tarball. Add "CHANGELOG.md" to "files" in package.json.',
      '@fixture/demo: VERSIONING.md is not in the tarball. Add "VERSIONING.md" to "files" in package.json.',
      expect.stringMatching(/links to \.\/VERSIONING\.md, which is not in the tarball/),
      expect.stringMatching(/links to \.\/CHANGELOG\.md, which is not in the tarball/),
    ]);
  });

  it('accepts a link to a CHANGELOG.md not written yet (before the first `changeset version`), but wants the link', () => {
    const { 'CHANGELOG.md': _, ...beforeFirstRelease } = complete;
    expect(problemsOf('before-release', beforeFirstRelease)).toEqual([]);
    const readme = README.replace('[CHANGELOG.md](./CHANGELOG.md), ', '');
    expect(problemsOf('unlinked-changelog', { ...complete, 'README.md': readme })).toEqual([
      '@fixture/demo: README.md does not link to ./CHANGELOG.md.',
    ]);
  });

  it('requires a README.md', () => {
    const { 'README.md': _, ...withoutReadme } = complete;
    expect(problemsOf('no-readme', withoutReadme)).toEqual(['@fixture/demo: the tarball has no README.md.']);
  });
});

describe('README links', () => {
  it('are read from inline, reference and HTML links, never from code', () => {
    const markdown =
      '[a](./a.md) [b](<./b c.md> "title")\n[ref]: ./ref.md\n<a href="./html.md">h</a>\n' +
      '`[code](./code.md)`\n```sh\n[block](./block.md)\n```\n';
    expect(markdownLinks(markdown)).toEqual(['./a.md', './b c.md', './ref.md', './html.md']);
  });

  it('know the repository from package.json `repository`', () => {
    expect(repositoryWebUrl({ url: 'git+https://github.com/listo/listo-contracts.git' })).toBe(
      'https://github.com/listo/listo-contracts',
    );
    expect(repositoryWebUrl('https://github.com/listo/listo-contracts')).toBe(
      'https://github.com/listo/listo-contracts',
    );
    expect(repositoryWebUrl(undefined)).toBeUndefined();
  });
});
