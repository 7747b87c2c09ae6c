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
  },
});
