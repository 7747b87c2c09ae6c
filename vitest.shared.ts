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
    // Type tests (test/*.test-d.ts) are compiled by the package's `typecheck` task (`tsc -p tsconfig.json`
    // covers test/), so `vitest run` does not compile them a second time. `vitest --typecheck` still runs them.
    typecheck: { enabled: false, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    pool: 'forks',
    // Under turbo, which already runs one task per core (`--concurrency=100%`), one test file at a time per
    // package keeps a 2-core CI machine at two busy processes instead of a dozen. Run alone, vitest picks.
    ...(process.env.TURBO_HASH ? { maxWorkers: 1 } : {}),
    // Hang guards, not speed limits: a loaded CI machine (other jobs, child processes, compilers) can make a
    // test take many times its usual time, and that must not fail it. Tests never assert wall-clock speed.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
