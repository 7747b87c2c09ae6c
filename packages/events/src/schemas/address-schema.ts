import * as z from 'zod';
import { tolerantObject } from './tolerant-object';

/**
 * The address block of `client.created` v1 and the worker payloads v1: every line nullable.
 * Frozen with the v1 payloads: a breaking change belongs in a new schema for the new dataVersion.
 */
export const addressV1Schema = tolerantObject({
  address1: z.string().nullable(),
  address2: z.string().nullable(),
  city: z.string().nullable(),
  // ISO-3166 alpha-2 per the guides, but typed `string | null` there, so the format is not enforced.
  isoCountryCode: z.string().nullable(),
  postalCode: z.string().nullable(),
  zoneCode: z.string().nullable(),
});

export type AddressV1 = z.output<typeof addressV1Schema>;
