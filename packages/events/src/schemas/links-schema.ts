import { z } from 'zod';
import { tolerantObject } from './tolerant-object';

/**
 * `data.links`: `self` is a path relative to https://gateway.listoglobal.com, already carrying the
 * installation's instanceIntegrationId.
 */
export const linksV1Schema = tolerantObject({
  self: z.string().meta({ description: 'Path to fetch the current state of this entity from the REST API.' }),
});

export type LinksV1 = z.output<typeof linksV1Schema>;
