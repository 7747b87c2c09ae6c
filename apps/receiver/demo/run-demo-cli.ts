import { runDemo } from './run-demo';

// `pnpm demo` (scripts/demo.mjs at the repository root) runs this file from the build output.
runDemo().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
