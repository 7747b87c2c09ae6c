import * as z from 'zod';
import type { PrepareSchema } from './event-parser';

/**
 * zod's ahead-of-time compiler (`z.compile`), for runtimes that allow `new Function` (Node): one generated function
 * per event schema instead of zod's per-schema fast paths, about half the time on the samples (see BENCHMARKS.md).
 * Its output is the runtime parser's (the tests compare them on the mutation corpus); a failing input falls back to
 * the runtime parser, so issues are zod's own. Skipped under `z.config({ jitless: true })`, which `z.compile` does
 * not check itself; where `new Function` throws, `z.compile` hands the schema back unchanged.
 */
export const compileSchema: PrepareSchema = (schema) => (z.config().jitless ? schema : z.compile(schema));
