/**
 * The root README's TypeScript blocks type-check against the packages' sources, with the workspace's strict
 * settings (each package's README has its own test; this one covers the README of the repository).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../scripts/package-check/workspace';

// Inside the repository so that `@listo/*` resolves to the workspace packages (.gitignore keeps it out).
const dir = join(repoRoot, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
const fileOf = (index: number) => join(dir, `example-${index}.ts`);

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [index, code] of examples.entries()) writeFileSync(fileOf(index), code);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the root README examples', () => {
  it('are there', () => {
    expect(examples.length).toBeGreaterThanOrEqual(1);
  });

  it('type-check as written against the sources of the packages they import', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(repoRoot, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(
      examples.map((_, i) => fileOf(i)),
      { ...config.options, noEmit: true },
    );
    const diagnostics = examples.flatMap((_, i) =>
      ts
        .getPreEmitDiagnostics(program, program.getSourceFile(fileOf(i)))
        .map((d) => `example ${i}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`),
    );
    expect(diagnostics).toEqual([]);
  });
});
