import * as z from 'zod';

/**
 * A string the guides document only by example ("e.g. MONTHLY, BIWEEKLY"): the known values are
 * offered to autocompletion, yet any string is accepted, because Listo may add values without
 * bumping a dataVersion. `(string & {})` keeps the literals from collapsing into plain `string`.
 */
export type OpenString<Known extends string> = Known | (string & {});

/** Accepts any string; types it as {@link OpenString} and lists the known values as JSON Schema `examples`. */
export function openString<const Known extends string>(
  known: readonly Known[],
  description: string,
): z.ZodType<OpenString<Known>, string> {
  return z.string().meta({ description, examples: [...known] }) as unknown as z.ZodType<
    OpenString<Known>,
    string
  >;
}
