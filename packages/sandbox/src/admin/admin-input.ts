import { addressV1Schema } from '@listo/events';
import { ID_PREFIXES, type Id, type IdKind, isId } from '@listo/ids';
import { z } from 'zod';
import { badRequest } from '../http/http-error';

/** A Listo ID of `kind` in an admin request body. */
export function idField<K extends IdKind>(kind: K): z.ZodType<Id<K>, string> {
  return z
    .string()
    .refine(
      (value) => isId(kind, value),
      `expected an ID starting with "${ID_PREFIXES[kind]}"`,
    ) as unknown as z.ZodType<Id<K>, string>;
}

/** "ISO-8601 date (no time component)", as the events carry `dateOfBirth`, `startDate`, `contractEndDate`. */
export const isoDate: z.ZodISODate = z.iso.date();

/** Some lines of an address; an unknown line is an error rather than a field the events would then carry. */
export const addressPatch = addressV1Schema.partial().strict();

/** Person fields shared by users and workers. */
export const personFields = {
  email: z.string().min(1).optional(),
  firstName: z.string().nullable().optional(),
  lastName: z.string().nullable().optional(),
};

/**
 * A parsed body's type as `exactOptionalPropertyTypes` reads it: zod types an optional key as `T | undefined`,
 * but a parsed JSON body never holds an `undefined`, only absent keys.
 */
export type Parsed<T> = T extends readonly unknown[]
  ? T
  : T extends object
    ? { [K in keyof T]: Parsed<Exclude<T[K], undefined>> }
    : T;

/** Parses an admin request body, answering 400 with every problem found (`field: why; …`). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(body);
  if (result.success) return result.data as Parsed<z.output<S>>;
  throw badRequest(
    result.error.issues
      .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
      .join('; '),
  );
}

/** Runs `fn`, answering 400 for the `TypeError` or `RangeError` a sandbox method throws for bad input. */
export function rejectingBadInput<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw badRequest(error.message);
    throw error;
  }
}
