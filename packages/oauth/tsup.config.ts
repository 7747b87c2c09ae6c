import { defineConfig, type Options } from 'tsup';

const common: Options = {
  entry: ['src/index.ts', 'src/fetch.ts', 'src/node.ts'],
  dts: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
};

export default defineConfig([
  // ESM keeps oauth4webapi external, so applications get its fixes through their lockfile.
  { ...common, format: ['esm'], clean: true },
  // oauth4webapi is ESM-only; Node 20 before 20.19 cannot require() it, so the CJS build carries a copy.
  { ...common, format: ['cjs'], noExternal: ['oauth4webapi'] },
]);
