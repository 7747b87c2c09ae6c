import { defineConfig, type Options } from 'tsup';

/** Shared with test/runtimes.test.ts, which builds the same output into a scratch directory. */
export const options: Options = {
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // Dependencies and the zod peer stay imports, never bundled.
  external: ['@listo/events', '@listo/webhooks', 'zod'],
};

const config: ReturnType<typeof defineConfig> = defineConfig(options);
export default config;
