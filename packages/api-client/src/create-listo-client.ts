import { type ListoClientOptions, resolveOptions } from './client-options';
import { createFollow } from './follow-link';
import { createJsonCaller } from './json-caller';
import type { ListoClient } from './listo-client';
import { createRawClient } from './raw-client';
import { createRedaction } from './redaction';
import { bindResources } from './resource-methods';
import { createTransport } from './transport';

/** Creates a client for Listo's REST API. */
export function createListoClient(options: ListoClientOptions): ListoClient {
  const resolved = resolveOptions(options);
  // The key lives in these closures only: never on the returned object, never in a hook event or an error.
  const redaction = createRedaction(resolved.apiKey);
  const transport = createTransport({ ...resolved, redaction });
  const caller = createJsonCaller(transport, redaction, resolved.baseUrl);
  // Assigning the table's methods to ListoClient's declared shape checks each row against the document.
  const resources: Omit<ListoClient, 'follow' | 'raw'> = bindResources(caller);
  return {
    ...resources,
    follow: createFollow(resources),
    raw: createRawClient(transport, resolved.baseUrl),
  };
}
