import { parseLink } from '@listo/ids';
import type { LinkedResource, LinkTarget } from './link-target';
import type { CallOptions, ListoClient } from './listo-client';

/** Thrown by `follow` for a path that is not one of the templates; nothing is sent. */
export class ListoLinkError extends TypeError {
  override readonly name = 'ListoLinkError' as const;
}

function describe(value: unknown): string {
  if (typeof value !== 'string') return value === null ? 'null' : typeof value;
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

type Getters = Pick<ListoClient, 'clients' | 'users' | 'workers'>;

/** `follow` over the client's own `get` methods: the link's template decides which one, and nothing else. */
export function createFollow(resources: Getters): ListoClient['follow'] {
  return async function follow<P extends string>(
    linksSelf: P,
    options?: CallOptions,
  ): Promise<LinkTarget<P>> {
    const link = parseLink(linksSelf);
    let resource: LinkedResource;
    switch (link?.kind) {
      case 'client':
        resource = await resources.clients.get(link.instanceIntegrationId, link.clientId, options);
        break;
      case 'user':
        resource = await resources.users.get(link.instanceIntegrationId, link.clientId, link.userId, options);
        break;
      case 'worker':
        resource = await resources.workers.get(
          link.instanceIntegrationId,
          link.clientId,
          link.workerId,
          options,
        );
        break;
      default:
        throw new ListoLinkError(
          `Refusing to follow ${describe(linksSelf)}: expected a relative links.self path of a client, user or ` +
            'worker, such as /v1/instance-integrations/inst_…/clients/lglsocli_….',
        );
    }
    // The parsed template decides the resource, exactly as LinkTarget<P> does for the path's type.
    return resource as LinkTarget<P>;
  };
}
