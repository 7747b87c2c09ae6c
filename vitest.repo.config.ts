import { defineConfig } from 'vitest/config';

// Repository-level tests (release pipeline, workspace conventions, package checks); packages have their own
// configs. Timeouts are hang guards, never speed limits (see vitest.shared.ts).
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], pool: 'forks', testTimeout: 300_000, hookTimeout: 300_000 },
});
