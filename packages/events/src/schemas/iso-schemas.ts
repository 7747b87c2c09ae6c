import * as z from 'zod';

/**
 * "ISO-8601 UTC" in the guides (`2026-05-02T10:14:32.184Z`). An explicit offset (`+00:00`) is also
 * accepted (INFERRED tolerance: the guides only show `Z`), because rejecting a timestamp would make the
 * whole event invalid.
 */
export const isoDateTimeSchema: z.ZodISODateTime = z.iso.datetime({ offset: true });

/** "ISO-8601 date (no time component)": `1992-08-14`. Impossible dates such as `2026-02-30` are rejected. */
export const isoDateSchema: z.ZodISODate = z.iso.date();
