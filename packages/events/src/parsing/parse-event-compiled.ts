import { compileSchema } from './compile-schema';
import { createEventParser, type ParseEventResult } from './event-parser';

/**
 * The Node entry's `parseEvent`: the behaviour of the default entry's (see its documentation), with each schema
 * compiled by `z.compile` on its first use.
 *
 * @function
 */
export const parseEvent: (input: unknown) => ParseEventResult = createEventParser(compileSchema);
