import { LINK_PATTERNS, type LinkKind, type LinkOfKind } from '@listo/ids';
import * as z from 'zod';
import { tolerantObject } from './tolerant-object';

/**
 * `data.links` of any entity: `self` is a path relative to https://gateway.listoglobal.com, already carrying the
 * installation's instanceIntegrationId. The events use typed links (`self` a `ClientLink`, `UserLink` or `WorkerLink`) instead; this one is for
 * code that handles links of any kind.
 */
export const linksV1Schema = tolerantObject({
  self: z.string().meta({ description: 'Path to fetch the current state of this entity from the REST API.' }),
});

export type LinksV1 = z.output<typeof linksV1Schema>;

const ENTITY_NAMES: { readonly [K in LinkKind]: string } = {
  client: 'client',
  user: 'dashboard user',
  worker: 'worker (v2)',
};

/** A `links.self` path that follows the `@listo/ids` template of `kind`, typed as that template. */
function linkSchema<K extends LinkKind>(kind: K): z.ZodType<LinkOfKind[K], string> {
  return z
    .string()
    .regex(new RegExp(LINK_PATTERNS[kind]), {
      error: `Invalid input: expected the links.self path of a ${ENTITY_NAMES[kind]} (see LINK_PATTERNS.${kind} of @listo/ids)`,
    })
    .meta({
      description: `Path to fetch the current state of this ${ENTITY_NAMES[kind]} from the REST API, relative to https://gateway.listoglobal.com.`,
    }) as unknown as z.ZodType<LinkOfKind[K], string>;
}

/**
 * `data.links` whose `self` follows the template of `kind` (`ClientLink`, `UserLink`, `WorkerLink` of `@listo/ids`),
 * checked at run time against the same pattern (`LINK_PATTERNS`), which the JSON Schema files carry too. So
 * `follow(event.data.links.self)` can know the resource it fetches.
 */
export function linksV1SchemaOf<K extends LinkKind>(kind: K) {
  return tolerantObject({ self: linkSchema(kind) });
}

/** `data.links` of `client.created` v1: `self` is a `ClientLink`. */
export const clientLinksV1Schema = linksV1SchemaOf('client');
/** `data.links` of `user.created` v1: `self` is a `UserLink`. */
export const userLinksV1Schema = linksV1SchemaOf('user');
/** `data.links` of the worker.* events v1: `self` is a `WorkerLink`. */
export const workerLinksV1Schema = linksV1SchemaOf('worker');

export type ClientLinksV1 = z.output<typeof clientLinksV1Schema>;
export type UserLinksV1 = z.output<typeof userLinksV1Schema>;
export type WorkerLinksV1 = z.output<typeof workerLinksV1Schema>;
