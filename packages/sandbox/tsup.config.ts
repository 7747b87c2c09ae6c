import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', 'oidc/index': 'src/oidc/index.ts' },
  dts: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
};

export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  // jose is ESM-only; Node 20 before 20.19 cannot require() it, so the CJS build carries a copy.
  { ...common, format: ['cjs'], noExternal: ['jose'] },
]);
