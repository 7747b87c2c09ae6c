import { cpSync } from 'node:fs';
import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  treeshake: true,
  // The OpenAPI document ships inside dist, so `files` stays ["dist"].
  onSuccess: async () => {
    cpSync('openapi/listo.yaml', 'dist/openapi/listo.yaml');
  },
});
