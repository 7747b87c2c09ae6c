import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const appDir = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(appDir, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

// Static imports, re-exports and dynamic imports of a string literal; `import type` is erased at build time.
const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every file the entry reaches through relative imports, and the packages those files import at run time. */
function runtimeGraph(entry: string): { files: string[]; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (m[1]) continue;
      const specifier = (m[2] ?? m[3]) as string;
      if (specifier.startsWith('.')) {
        const base = join(dirname(file), specifier);
        const target = [`${base}.ts`, join(base, 'index.ts')].find((f) => existsSync(f));
        if (!target) throw new Error(`${relative(appDir, file)}: cannot resolve ${specifier}`);
        visit(target);
      } else if (!specifier.startsWith('node:')) {
        const parts = specifier.split('/');
        packages.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string));
      }
    }
  };
  visit(join(appDir, entry));
  return { files: [...files].map((f) => relative(appDir, f)), packages };
}

describe('the service at run time', () => {
  for (const entry of ['src/main.ts', 'src/index.ts']) {
    it(`imports only its runtime dependencies from ${entry}, never the sandbox or the demo`, () => {
      const { files, packages } = runtimeGraph(entry);
      expect(files).toContain('src/server.ts');
      expect(files.filter((f) => !f.startsWith('src/'))).toEqual([]);
      expect(packages).not.toContain('@listo/sandbox');
      expect([...packages].filter((p) => !(p in manifest.dependencies))).toEqual([]);
    });
  }

  it('has the sandbox as a dev dependency only, for the demo', () => {
    expect(manifest.dependencies).not.toHaveProperty(['@listo/sandbox']);
    expect(manifest.devDependencies).toHaveProperty(['@listo/sandbox']);
    expect(runtimeGraph('demo/run-demo-cli.ts').packages).toContain('@listo/sandbox');
  });
});
