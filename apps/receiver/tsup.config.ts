import { defineConfig } from 'tsup';

// A private service, not a library: ESM only, no declarations. Dependencies (including the
// workspace packages) stay external and resolve from node_modules at run time. The demo (`pnpm demo`) is built
// next to the service but from outside src/: only it imports the sandbox, a dev dependency.
export default defineConfig({
  entry: { main: 'src/main.ts', index: 'src/index.ts', 'demo/run-demo-cli': 'demo/run-demo-cli.ts' },
  // tsup bundles dev dependencies; the sandbox stays a package the demo imports, like every other one.
  external: ['@listo/sandbox'],
  format: ['esm'],
  dts: false,
  clean: true,
  sourcemap: true,
  target: 'node20',
  platform: 'node',
});
