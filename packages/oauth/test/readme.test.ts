import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
// Inside the package so that the examples resolve hono, express and @listo/sandbox as the package does, but
// outside src/ and test/ so that a concurrent `tsc -p tsconfig.json` never sees these files.
const dir = join(root, `.readme-examples-${process.pid}`);
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** Every TypeScript block of the README, as a module, with this package's imports pointed at the sources. */
const examples = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) =>
  `${match[1]!}\nexport {};\n`
    .replaceAll("'@listo/oauth/fetch'", "'../src/fetch'")
    .replaceAll("'@listo/oauth/node'", "'../src/node'")
    .replaceAll("'@listo/oauth'", "'../src/index'"),
);

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  for (const [i, code] of examples.entries()) writeFileSync(join(dir, `example-${i}.ts`), code);
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the README examples', () => {
  it('cover Hono, Next.js, Express, a session store, the core API and the sandbox', () => {
    expect(examples).toHaveLength(7);
    for (const needle of [
      "from 'hono'",
      "from 'express'",
      'export async function GET',
      'SessionStore',
      'startSandbox',
    ]) {
      expect(examples.some((code) => code.includes(needle))).toBe(true);
    }
  });

  it('type-check as written', () => {
    const config = ts.getParsedCommandLineOfConfigFile(
      join(root, 'tsconfig.json'),
      {},
      { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
    )!;
    const program = ts.createProgram(
      examples.map((_, i) => join(dir, `example-${i}.ts`)),
      // as a user's project would compile them: no isolatedDeclarations
      { ...config.options, noEmit: true, declaration: false, isolatedDeclarations: false },
    );
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file?.fileName.split('/').pop() ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
      );
    expect(diagnostics).toEqual([]);
    // One program for every block; ~13 s of CPU, but minutes of wall clock when CI runs every suite at once.
  }, 600_000);
});
