import * as z from 'zod';
import { defineEvent } from '../define-event';
import { addressV1Schema } from '../schemas/address-schema';
import { idSchema } from '../schemas/id-schema';
import { clientLinksV1Schema } from '../schemas/links-schema';
import { tolerantObject } from '../schemas/tolerant-object';

/** `client.created` v1 `data`, exactly as the client.created page documents it. */
export const clientCreatedV1DataSchema = tolerantObject({
  clientId: idSchema('client'),
  name: z.string(),
  address: addressV1Schema,
  links: clientLinksV1Schema,
});

export type ClientCreatedV1Data = z.output<typeof clientCreatedV1DataSchema>;

export const clientCreatedV1 = defineEvent({
  type: 'client.created',
  dataVersion: 1,
  entityType: 'client',
  entityIdKind: 'client',
  entityIdField: 'clientId',
  dataSchema: clientCreatedV1DataSchema,
});

/** The whole `client.created` v1 event: envelope plus data. */
export const clientCreatedV1EventSchema = clientCreatedV1.eventSchema;
