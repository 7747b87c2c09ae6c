import type { EventParseError } from './event-parse-error';
import { asIs, createEventParser, type ParseEventResult } from './event-parser';

/**
 * Parses a webhook body (already `JSON.parse`d) into a typed event. Never throws:
 * - `known`: a (type, dataVersion) this version knows, valid against its schema;
 * - `unknown`: a valid envelope whose (type, dataVersion) or `specVersion` this version does not know
 *   (acknowledge it and log it; do not reject it);
 * - `invalid`: anything else, with an {@link EventParseError} naming the failing path.
 *
 * Unknown fields are kept, everywhere, except `__proto__` keys, which are dropped. The result is a new object,
 * except the `data` of an `unknown` event, which is the input's own object (nothing here knows its shape).
 * An invalid event costs bounded work: parsing stops after the first 20 issues.
 *
 * @function
 */
export const parseEvent: (input: unknown) => ParseEventResult = createEventParser(asIs);
