import type { Plugin } from 'esbuild';
import { defineConfig, type Options } from 'tsup';

/** Shared with test/runtimes.test.ts, which builds the same output into a scratch directory. */
export const options: Options = {
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', fetch: 'src/fetch/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
};

/** Resolves `./node-crypto` to `./node-crypto-static` (a static `node:crypto` import). */
const staticNodeCrypto: Plugin = {
  name: 'listo-static-node-crypto',
  setup(build) {
    build.onResolve({ filter: /^\.\/node-crypto$/ }, (args) => ({
      path: `${args.resolveDir}/node-crypto-static.ts`,
    }));
  },
};

/**
 * The build behind the `node` export condition: the same entry, with `node:crypto` imported statically so the
 * sync methods need no `process.getBuiltinModule`. Its types are the main entry's.
 */
export const nodeOptions: Options = {
  ...options,
  entry: { 'index.node': 'src/index.ts' },
  dts: false,
  clean: false,
  platform: 'node',
  esbuildPlugins: [staticNodeCrypto],
};

const config: ReturnType<typeof defineConfig> = defineConfig([options, nodeOptions]);
export default config;
