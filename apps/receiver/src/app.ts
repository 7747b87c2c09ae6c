import { createWebhookHandler } from '@listo/webhook-handler';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { installOperatorAccess } from './access/operator-access';
import { type OriginPolicy, originPolicy } from './access/request-origin';
import { createDashboard } from './dashboard/dashboard';
import type { DashboardConfig } from './dashboard/dashboard-config';
import { describeEvent, describeInvalid } from './incoming-delivery';
import type { Metrics } from './metrics';
import { createReceiverDeliveryStore } from './store/receiver-delivery-store';
import { DELIVERY_STATUSES, type DeliveryStatus, type ReceiverStore } from './store/store-types';
import { webhookHooks } from './webhook-hooks';

/** Deliveries larger than this are refused with 413 before they are read. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** What a webhook-id may look like: Listo's are lglsoevt_…; anything else odd is a malformed header. */
// At most 2,048 characters: parseEvent takes event ids of any length, and this is as long as the store's primary
// key index can hold (a btree entry is at most about 2.7 kB); anything longer is no id Listo would send.
const WEBHOOK_ID = /^[A-Za-z0-9_.:-]{1,2048}$/;

export interface AppDependencies {
  store: ReceiverStore;
  /** LISTO_WEBHOOK_SECRET: one key, or several while a key is rotated. */
  webhookSecrets: readonly string[];
  logger: Logger;
  metrics: Metrics;
  /** Told after each new delivery is stored, so processing starts at once. */
  onStored?: () => void;
  /** False while shutting down: /readyz then answers 503 so load balancers stop sending traffic. */
  isAccepting?: () => boolean;
  /** When set, `Authorization: Bearer <apiToken>` opens `/api/*` and `/metrics` (so does a dashboard session). */
  apiToken?: string | undefined;
  /** The origins operators reach this receiver at (RECEIVER_ORIGINS, the dashboard's redirect URI). */
  originPolicy?: OriginPolicy;
  /** The operator dashboard at `/` ("Sign in with Listo"); unset, it says it is not configured. */
  dashboard?: DashboardConfig;
}

export function createApp(deps: AppDependencies): Hono {
  const { store, logger, metrics } = deps;
  const app = new Hono();

  // The handler checks, verifies, parses and answers; the store commits before any 2xx (see ReceiverDeliveryStore).
  const deliveries = createReceiverDeliveryStore(store);
  const listo = createWebhookHandler({
    secret: deps.webhookSecrets,
    store: deliveries,
    bodyLimit: WEBHOOK_BODY_LIMIT,
    hooks: webhookHooks(logger, metrics, deps.onStored),
    handlers: {
      otherwise: (event, delivery) => deliveries.stage(describeEvent(delivery, event)),
      invalid: (error, delivery) => deliveries.stage(describeInvalid(delivery, error)),
    },
  });
  app.all('/webhooks/listo', (c) => {
    const id = c.req.header('webhook-id');
    // The receiver's own rule on top of the handler's checks: no webhook-id its store could not key on.
    if (id && !WEBHOOK_ID.test(id)) {
      metrics.delivery('bad_request');
      return c.json({ error: 'malformed_header', message: 'webhook-id is malformed' }, 400);
    }
    return listo.fetch(c.req.raw);
  });

  app.get('/healthz', (c) => c.json({ status: 'ok' }));

  app.get('/readyz', async (c) => {
    if (deps.isAccepting && !deps.isAccepting()) return c.json({ status: 'shutting_down' }, 503);
    try {
      await store.ping();
      return c.json({ status: 'ready', store: store.kind });
    } catch {
      return c.json({ status: 'store_unreachable', store: store.kind }, 503);
    }
  });

  // Access first: Hono runs middleware only for the routes added after it.
  const dashboard = createDashboard({ store, logger, config: deps.dashboard });
  installOperatorAccess(app, {
    apiToken: deps.apiToken,
    policy: deps.originPolicy ?? originPolicy([]),
    dashboard,
    open: !deps.apiToken && deps.dashboard?.configured !== true,
  });
  dashboard.mount(app);

  app.get('/api/deliveries', async (c) => {
    const status = c.req.query('status');
    if (status !== undefined && !DELIVERY_STATUSES.includes(status as DeliveryStatus)) {
      return c.json(
        { error: 'bad_request', message: `status must be one of ${DELIVERY_STATUSES.join(', ')}` },
        400,
      );
    }
    const limit = Number(c.req.query('limit') ?? 100);
    const rows = await store.listDeliveries({
      limit: Number.isFinite(limit) ? limit : 100,
      ...(status ? { status: status as DeliveryStatus } : {}),
    });
    return c.json({ deliveries: rows });
  });

  app.get('/api/deliveries/:id', async (c) => {
    const id = c.req.param('id');
    // Only what could be a webhook-id reaches the database (a NUL, say, is no text PostgreSQL can hold).
    const row = WEBHOOK_ID.test(id) ? await store.getDelivery(id) : undefined;
    return row ? c.json(row) : c.json({ error: 'not_found' }, 404);
  });

  app.get('/api/dead-letters', async (c) =>
    c.json({ deliveries: await store.listDeliveries({ status: 'dead' }) }),
  );

  app.post('/api/dead-letters/:id/replay', async (c) => {
    const id = c.req.param('id');
    if (!WEBHOOK_ID.test(id)) return c.json({ error: 'not_found' }, 404);
    if (!(await store.replay(id))) {
      const row = await store.getDelivery(id);
      return row
        ? c.json({ error: 'not_dead', message: `Delivery is ${row.status}, not a dead letter` }, 409)
        : c.json({ error: 'not_found' }, 404);
    }
    logger.info({ webhookId: id }, 'dead letter replayed');
    deps.onStored?.();
    return c.json({ status: 'requeued', webhookId: id }, 202);
  });

  app.get('/api/clients', async (c) => c.json({ clients: await store.listClients() }));
  app.get('/api/users', async (c) => c.json({ users: await store.listUsers() }));
  app.get('/api/workers', async (c) => {
    const [workers, contracts] = await Promise.all([store.listWorkers(), store.listContracts()]);
    return c.json({
      workers: workers.map((w) => ({ ...w, contracts: contracts.filter((k) => k.workerId === w.workerId) })),
    });
  });
  app.get('/api/contracts', async (c) => c.json({ contracts: await store.listContracts() }));

  app.get('/metrics', async (c) => {
    const counts = await store.countByStatus().catch(() => undefined);
    const text = metrics.render(
      counts
        ? [
            {
              name: 'listo_receiver_deliveries_by_status',
              help: 'Stored deliveries by processing status.',
              label: 'status',
              values: counts,
            },
          ]
        : [],
    );
    return c.text(text, 200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
  });

  app.notFound((c) => c.json({ error: 'not_found' }, 404));
  app.onError((error, c) => {
    logger.error({ err: error, path: c.req.path }, 'request failed');
    return c.json({ error: 'internal_error' }, 500);
  });

  return app;
}
