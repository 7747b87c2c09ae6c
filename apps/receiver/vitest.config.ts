import { defineConfig, mergeConfig } from 'vitest/config';
import { sharedTestConfig } from '../../vitest.shared.ts';

export default mergeConfig(
  sharedTestConfig,
  defineConfig({
    test: {
      // Tests start real servers, child processes and databases: keep files from competing for the two
      // cores of the CI machine. The time limits are the shared hang guards (vitest.shared.ts).
      fileParallelism: false,
    },
  }),
);
