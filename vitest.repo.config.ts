import { defineConfig } from 'vitest/config';

// Repository-level tests (release pipeline, workspace conventions); packages have their own configs.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], pool: 'forks' },
});
