/**
 * Every TypeScript block of the partner guides (docs/guides/*.md) type-checks against the packages' sources with
 * the workspace's strict settings, and every block not marked `<!-- check-only: why -->` runs as written and
 * exits 0 (the runnable ones check what they claim with node:assert).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/package-check/workspace';

const run = promisify(execFile);
const guidesDir = join(repoRoot, 'docs', 'guides');
// Inside the repository, so that `@listo/*` resolves to the workspace packages (docs/.gitignore keeps it out).
const scratch = join(repoRoot, 'docs', '.guide-examples');

interface Block {
  guide: string;
  index: number;
  file: string;
  code: string;
  runs: boolean;
}

function blocksOf(guide: string): Block[] {
  const text = readFileSync(join(guidesDir, guide), 'utf8');
  const blocks: Block[] = [];
  for (const match of text.matchAll(/(?:<!-- (check-only)[^>]*-->\s*\n)?```ts\n([\s\S]*?)```/g)) {
    const index = blocks.length + 1;
    blocks.push({
      guide,
      index,
      file: `${guide.replace(/\.md$/, '')}-${index}.ts`,
      code: match[2] ?? '',
      runs: match[1] === undefined,
    });
  }
  return blocks;
}

const guides = readdirSync(guidesDir).filter((name) => name.endsWith('.md'));
const blocks = guides.flatMap(blocksOf);

beforeAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  for (const block of blocks) writeFileSync(join(scratch, block.file), block.code);
  writeFileSync(
    join(scratch, 'tsconfig.json'),
    JSON.stringify({
      extends: '../../tsconfig.base.json',
      compilerOptions: { lib: ['ES2023', 'DOM'], types: ['node'] },
      include: ['*.ts'],
    }),
  );
});

describe('the partner guides', () => {
  it('each has TypeScript examples, and at least one that runs', () => {
    for (const guide of guides) {
      expect(blocks.filter((b) => b.guide === guide && b.runs).length, guide).toBeGreaterThan(0);
    }
  });

  it('type-check, every block, with strict, noUncheckedIndexedAccess and exactOptionalPropertyTypes', async () => {
    const tsc = join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
    const result = await run(process.execPath, [tsc, '-p', join(scratch, 'tsconfig.json')], {
      cwd: scratch,
    }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(result).toBe('');
  });

  it.each(blocks.filter((b) => b.runs).map((b) => [`${b.guide} #${b.index}`, b] as const))(
    'run as written: %s',
    async (_name, block) => {
      const { stderr } = await run(
        process.execPath,
        ['--conditions=@listo/source', '--import', 'tsx', join(scratch, block.file)],
        { cwd: scratch },
      );
      expect(stderr.replace(/.*Unsupported runtime.*\n?/g, '')).toBe('');
    },
  );
});
