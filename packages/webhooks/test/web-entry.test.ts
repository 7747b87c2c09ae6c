import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Bundles an entry for browsers with nothing external: a Node builtin import would fail the build. */
async function bundleForBrowsers(entry: string) {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, metafile: result.metafile };
}

describe('the Web entries', () => {
  it.each(['src/index.ts', 'src/fetch/index.ts'])(
    '%s bundles for browsers without any Node builtin',
    async (entry) => {
      const { code, metafile } = await bundleForBrowsers(entry);
      const imports = Object.values(metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
      expect(imports.filter((path) => path.startsWith('node:') || !path.startsWith('src/'))).toEqual([]);
      // the only mention of node:crypto is the runtime probe through process.getBuiltinModule
      expect(code).not.toMatch(/\b(import|require)\s*\(?\s*["']node:/);
      expect(code).not.toMatch(/\bBuffer\b/);
    },
  );

  // A size budget, not a speed assertion: the whole entry (verifier, signer, test helpers, constant-time
  // compare, the secret checks and their messages) stays within 3 KB gzipped, well under standardwebhooks'
  // 4.9 KB (see BENCHMARKS.md).
  it('keeps the main entry under 3 KB minified and gzipped', async () => {
    const { code } = await bundleForBrowsers('src/index.ts');
    expect(gzipSync(code).length).toBeLessThan(3072);
  });
});
