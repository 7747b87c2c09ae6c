import { defineConfig } from 'vitest/config';

/**
 * Shared test settings: workspace packages resolve to their TypeScript sources through the
 * `@listo/source` export condition, so tests and type tests never need a prior build.
 */
export const sharedTestConfig = defineConfig({
  resolve: { conditions: ['@listo/source'] },
  ssr: { resolve: { conditions: ['@listo/source'] } },
  test: {
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    pool: 'forks',
    // Generous limits: turbo runs several packages' suites at once on small CI machines, and some tests start
    // child processes. These are hang guards, not speed assertions.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
