import * as z from 'zod';

/**
 * An object schema that keeps unknown keys at run time (the guides require tolerating fields
 * Listo adds later) while its static type lists only the documented keys.
 *
 * Why the cast: `z.looseObject` types its output with a `[k: string]: unknown` index signature,
 * which turns typos into `unknown` instead of errors and makes `Omit<…>` / `keyof` collapse to
 * `string`. A TypeScript object type is open anyway, so the documented keys are the honest type.
 * `__proto__` is the one key never copied (zod drops it), so a payload can not swap the prototype.
 */
export function tolerantObject<Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodObject<Shape, z.core.$strip> {
  return z.looseObject(shape) as unknown as z.ZodObject<Shape, z.core.$strip>;
}
