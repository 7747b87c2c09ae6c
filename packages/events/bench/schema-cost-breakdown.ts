// Where the time of the worker.onboarded v1 schema goes: the same schema rebuilt with plain strings instead
// of ID / date checks, and strip instead of loose objects. Each variant runs in its own process, so that one
// variant's JIT state cannot slow another's.
//   node --conditions=@listo/source --import tsx bench/schema-cost-breakdown.ts
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { workerOnboardedV1Sample } from '../src/fixtures/index';
import { workerOnboardedV1EventSchema } from '../src/index';

type Options = { ids: boolean; dates: boolean; loose: boolean };

/** Rebuilds a schema, replacing ID and date checks by plain strings and loose objects by strip ones as asked. */
function rebuild(schema: z.ZodType, options: Options): z.ZodType {
  const def = schema._zod.def as unknown as Record<string, unknown> & { type: string };
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(
        Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [
          key,
          rebuild(value, options),
        ]),
      );
      return options.loose && def.catchall ? z.looseObject(shape) : z.object(shape);
    }
    case 'nullable':
      return rebuild(def.innerType as z.ZodType, options).nullable();
    case 'optional':
      return rebuild(def.innerType as z.ZodType, options).optional();
    case 'array':
      return z.array(rebuild(def.element as z.ZodType, options));
    case 'template_literal':
      return options.ids ? schema : z.string();
    case 'string':
      return def.format && !options.dates ? z.string() : schema;
    default:
      return schema;
  }
}

const variants: Record<string, Options> = {
  'as published (IDs, dates, loose)': { ids: true, dates: true, loose: true },
  'IDs as plain strings': { ids: false, dates: true, loose: true },
  'dates as plain strings': { ids: true, dates: false, loose: true },
  'strip instead of loose objects': { ids: true, dates: true, loose: false },
  'plain strings, loose': { ids: false, dates: false, loose: true },
  'plain strings, strip': { ids: false, dates: false, loose: false },
};

const variant = process.argv[2];
if (variant) {
  const schema = rebuild(workerOnboardedV1EventSchema, variants[variant]!);
  const input = JSON.parse(JSON.stringify(workerOnboardedV1Sample)) as unknown;
  if (!schema.safeParse(input).success) throw new Error(`${variant} rejects the sample`);
  let sink: unknown;
  for (let i = 0; i < 100_000; i++) sink = schema.safeParse(input);
  const samples: number[] = [];
  for (let round = 0; round < 15; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20_000; i++) sink = schema.safeParse(input);
    samples.push(Number(process.hrtime.bigint() - start) / 20_000);
  }
  void sink;
  console.log(`| ${variant} | ${(samples.sort((a, b) => a - b)[7]! / 1000).toFixed(2)} |`);
} else {
  console.log('| worker.onboarded v1 whole-event schema | µs |\n|---|---:|');
  for (const name of Object.keys(variants)) {
    execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], {
      stdio: 'inherit',
    });
  }
}
