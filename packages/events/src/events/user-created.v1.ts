import * as z from 'zod';
import { defineEvent } from '../define-event';
import { idSchema } from '../schemas/id-schema';
import { isoDateTimeSchema } from '../schemas/iso-schemas';
import { userLinksV1Schema } from '../schemas/links-schema';
import { tolerantObject } from '../schemas/tolerant-object';

/** `user.created` v1 `data`, exactly as the user.created page documents it. */
export const userCreatedV1DataSchema = tolerantObject({
  userId: idSchema('user'),
  clientId: idSchema('client'),
  // "Lower-cased by Listo"; typed `string` by the guide, so not format-checked.
  email: z.string(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  fullName: z.string().nullable(),
  createdAt: isoDateTimeSchema,
  links: userLinksV1Schema,
});

export type UserCreatedV1Data = z.output<typeof userCreatedV1DataSchema>;

export const userCreatedV1 = defineEvent({
  type: 'user.created',
  dataVersion: 1,
  entityType: 'user',
  entityIdKind: 'user',
  entityIdField: 'userId',
  dataSchema: userCreatedV1DataSchema,
});

/** The whole `user.created` v1 event: envelope plus data. */
export const userCreatedV1EventSchema = userCreatedV1.eventSchema;
