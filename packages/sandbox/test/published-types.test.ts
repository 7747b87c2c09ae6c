import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('the published type declarations', () => {
  it('never name jose, which is ESM-only, so a CommonJS TypeScript consumer can resolve them', () => {
    // Only the key ring may use jose: none of its types appear in a public signature, so tsup's .d.cts
    // does not import jose. Anything else importing it (even `import type`) would leak into the .d.cts.
    const importers = sourceFiles(SRC)
      .filter((file) => /from 'jose'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(SRC, file));
    expect(importers).toEqual(['oidc/signing-keys.ts']);
    for (const entry of ['index.ts', 'oidc/index.ts']) {
      expect(readFileSync(join(SRC, entry), 'utf8')).not.toMatch(/signing-keys/);
    }
  });
});
