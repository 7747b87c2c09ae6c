import { defineConfig } from 'tsup';

// A private service, not a library: ESM only, no declarations. Dependencies (including the
// workspace packages) stay external and resolve from node_modules at run time.
export default defineConfig({
  entry: ['src/main.ts', 'src/index.ts', 'src/demo/run-demo-cli.ts'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});
