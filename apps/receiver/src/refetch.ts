import { createListoClient, ListoApiError, ListoLinkError } from '@listo/api-client';
import type { Logger } from 'pino';
import type { ReceiverConfig } from './config';
import type { Refetch } from './mirror';

/**
 * With LISTO_API_KEY set, entities are refetched through `data.links.self` (the guides' advice for
 * stale snapshots). Without it the receiver mirrors the events' snapshots only.
 */
export function createRefetch(
  config: Pick<ReceiverConfig, 'apiKey' | 'apiBaseUrl'>,
  logger: Logger,
): Refetch | undefined {
  if (!config.apiKey) return undefined;
  const client = createListoClient({
    apiKey: config.apiKey,
    ...(config.apiBaseUrl ? { baseUrl: config.apiBaseUrl } : {}),
    // The processor has its own retry schedule; keep each refetch short.
    maxRetries: 1,
    timeoutMs: 10_000,
  });
  return async (linksSelf) => {
    try {
      return (await client.follow(linksSelf)) as unknown as Record<string, unknown>;
    } catch (error) {
      if (error instanceof ListoApiError && error.statusCode === 404) {
        // Gone or not visible to this integration: the event's snapshot is all there is.
        logger.warn({ path: error.path }, 'refetch found nothing; using the event snapshot');
        return undefined;
      }
      if (error instanceof ListoLinkError) {
        // A links.self this client refuses to follow will not improve with retries.
        logger.warn('links.self is not a followable path; using the event snapshot');
        return undefined;
      }
      throw error; // 5xx, network, timeout: the processor retries with backoff.
    }
  };
}
