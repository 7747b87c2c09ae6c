import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Logger } from 'pino';
import { isLoopbackHostname, originPolicy } from './access/request-origin';
import { createApp } from './app';
import { ConfigError, type ReceiverConfig } from './config';
import { type DashboardConfig, loadDashboardConfig } from './dashboard/dashboard-config';
import { createLogger } from './logger';
import { Metrics } from './metrics';
import { createMirrorPlanner, type Refetch } from './mirror';
import { Processor } from './processor';
import { createRefetch } from './refetch';
import { openStore } from './store/receiver-store';
import type { ReceiverStore } from './store/store-types';

export interface RunningReceiver {
  /** Base URL, e.g. http://127.0.0.1:3000 */
  url: string;
  port: number;
  store: ReceiverStore;
  processor: Processor;
  logger: Logger;
  /** Graceful shutdown: stop accepting, finish requests and the batch in hand, close the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  logger?: Logger;
  /** Overrides the refetch built from LISTO_API_KEY (tests). */
  refetch?: Refetch;
  /** Start the background processor (default true). */
  process?: boolean;
  /** Overrides the dashboard configuration read from LISTO_OAUTH_* and SESSION_SECRET (tests). */
  dashboard?: DashboardConfig;
}

/** Opens the store, starts the processor and the HTTP server. */
export async function startReceiver(
  config: ReceiverConfig,
  options: StartOptions = {},
): Promise<RunningReceiver> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const dashboard = options.dashboard ?? loadDashboardConfig(process.env);
  const guarded = Boolean(config.apiToken) || dashboard.configured;
  if (!guarded && !isLoopbackHostname(config.host)) {
    // Personal data (names, e-mails, phones, birth dates, addresses) would be open to whoever reaches the port.
    throw new ConfigError([
      `HOST is ${config.host}, which others can reach, and nothing guards the operator routes (/api/*, /metrics) ` +
        'that serve personal data. Set RECEIVER_API_TOKEN, or configure the dashboard (LISTO_OAUTH_*, ' +
        'SESSION_SECRET and DASHBOARD_ALLOWED_*), or listen on 127.0.0.1.',
    ]);
  }
  const origins = [
    ...(config.origins ?? []),
    ...(dashboard.configured ? [new URL(dashboard.oauth.redirectUri).origin] : []),
  ];
  const store = await openStore(
    config.databaseUrl
      ? { kind: 'postgres', url: config.databaseUrl, ...config.db }
      : { kind: 'embedded', dataDir: config.dataDir },
  );
  const metrics = new Metrics();
  const refetch = options.refetch ?? createRefetch(config, logger);
  const processor = new Processor({
    store,
    plan: createMirrorPlanner({ logger, refetch }),
    logger,
    metrics,
    leaseMs: config.leaseMs,
    maxAttempts: config.maxAttempts,
    retryBaseMs: config.retryBaseMs,
    pollMs: config.pollMs,
    retentionMs: config.retentionMs ?? 30 * 86_400_000,
  });
  let accepting = true;
  const app = createApp({
    store,
    webhookSecrets: config.webhookSecrets,
    logger,
    metrics,
    onStored: () => processor.wake(),
    isAccepting: () => accepting,
    apiToken: config.apiToken,
    originPolicy: originPolicy(origins),
    dashboard,
  });

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const headersTimeout = config.http?.headersTimeoutMs ?? 10_000;
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        // Node's defaults (60 s for headers, 300 s for a request, checked every 30 s) let a client that sends
        // a byte now and then hold a connection for minutes; a webhook arrives in well under a second.
        serverOptions: {
          headersTimeout,
          requestTimeout: Math.max(headersTimeout, config.http?.requestTimeoutMs ?? 20_000),
          connectionsCheckingInterval: Math.min(1_000, headersTimeout),
        },
      },
      () => resolve(s),
    );
    s.once('error', reject);
  });
  const port = (server.address() as AddressInfo).port;
  if (options.process !== false) processor.start();
  if (!guarded) {
    logger.warn('no RECEIVER_API_TOKEN and no dashboard: /api/* and /metrics are open to this machine only');
  }
  logger.info(
    {
      port,
      host: config.host,
      store: store.kind,
      processorId: processor.processorId,
      refetch: Boolean(refetch),
    },
    'receiver listening',
  );

  let closing: Promise<void> | undefined;
  return {
    url: `http://${config.host}:${port}`,
    port,
    store,
    processor,
    logger,
    close() {
      closing ??= (async () => {
        accepting = false;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          // Keep-alive connections with no request in flight would otherwise hold close() open.
          if ('closeIdleConnections' in server) server.closeIdleConnections();
        });
        await processor.stop();
        await store.close();
        logger.info('receiver stopped');
      })();
      return closing;
    },
  };
}
