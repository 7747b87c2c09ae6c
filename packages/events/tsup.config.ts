import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    // The `node` export condition: the same API, with schemas compiled by z.compile (see src/node-entry.ts).
    'index.node': 'src/node-entry.ts',
    'fixtures/index': 'src/fixtures/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // zod is a peer dependency and @listo/ids a dependency: both stay imports, never bundled.
  external: ['zod', '@listo/ids'],
});
