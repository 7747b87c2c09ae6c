import { parseEvent } from '@listo/events';
import { type Webhook, WebhookVerificationError } from '@listo/webhooks';
import { readRequestBody } from '@listo/webhooks/fetch';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { installOperatorAccess } from './access/operator-access';
import { type OriginPolicy, originPolicy } from './access/request-origin';
import { createDashboard } from './dashboard/dashboard';
import type { DashboardConfig } from './dashboard/dashboard-config';
import { describeDelivery } from './incoming-delivery';
import type { Metrics } from './metrics';
import { DELIVERY_STATUSES, type DeliveryStatus, type ReceiverStore } from './store/store-types';

/** Deliveries larger than this are refused with 413 before they are read. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

const NO_BODY = new Uint8Array(0);

/** What a webhook-id may look like: Listo's are lglsoevt_…; anything else odd is a malformed header. */
// At most 2,048 characters: parseEvent takes event ids of any length, and this is as long as the store's primary
// key index can hold (a btree entry is at most about 2.7 kB); anything longer is no id Listo would send.
const WEBHOOK_ID = /^[A-Za-z0-9_.:-]{1,2048}$/;

export interface AppDependencies {
  store: ReceiverStore;
  webhook: Webhook;
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

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

export function createApp(deps: AppDependencies): Hono {
  const { store, webhook, logger, metrics } = deps;
  const app = new Hono();

  app.post('/webhooks/listo', async (c) => {
    const started = performance.now();
    const answer = (status: 200 | 202 | 400 | 401 | 413 | 415 | 500 | 503, outcome: string, body: object) => {
      metrics.delivery(outcome);
      metrics.observeWebhookSeconds((performance.now() - started) / 1000);
      return c.json(body, status);
    };

    const contentType = c.req.header('content-type') ?? '';
    if (!/^application\/json\s*(;|$)/i.test(contentType)) {
      return answer(415, 'unsupported_media_type', {
        error: 'unsupported_media_type',
        message: 'Content-Type must be application/json',
      });
    }

    const webhookId = c.req.header('webhook-id');
    if (webhookId !== undefined && webhookId !== '' && !WEBHOOK_ID.test(webhookId)) {
      return answer(400, 'bad_request', { error: 'malformed_header', message: 'webhook-id is malformed' });
    }
    const rejected = (error: WebhookVerificationError) => {
      const status = error.status === 401 ? 401 : 400;
      logger.warn({ code: error.code, webhookId }, 'webhook delivery rejected');
      return answer(status, status === 401 ? 'unauthorized' : 'bad_request', {
        error: error.code,
        message: error.message,
      });
    };
    // The headers first, before reading up to a megabyte: verifying an empty body runs every header check
    // (presence, format, the 5-minute window) of @listo/webhooks; only the signature itself cannot match yet.
    try {
      webhook.verify(NO_BODY, c.req.raw.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (error.code !== 'no_matching_signature' && error.code !== 'payload_not_json') return rejected(error);
    }

    let bytes: Uint8Array;
    try {
      bytes = await readRequestBody(c.req.raw, { limit: WEBHOOK_BODY_LIMIT });
    } catch (error) {
      if (error instanceof WebhookVerificationError && error.code === 'payload_too_large') {
        return answer(413, 'too_large', {
          error: error.code,
          message: `The body is larger than ${WEBHOOK_BODY_LIMIT} bytes`,
        });
      }
      return answer(400, 'bad_request', {
        error: 'unreadable_body',
        message: 'The request body could not be read',
      });
    }

    let payload: unknown;
    let notJson = false;
    try {
      payload = webhook.verify(bytes, c.req.raw.headers);
    } catch (error) {
      if (!(error instanceof WebhookVerificationError)) throw error;
      if (error.code === 'payload_not_json') {
        notJson = true; // Correctly signed: keep it for inspection below.
      } else {
        return rejected(error);
      }
    }
    // verify() succeeded or failed on JSON only, so the headers are present and well formed.
    const id = webhookId as string;
    const timestamp = Number(c.req.header('webhook-timestamp'));
    const rawBody = decodeText(bytes);

    const bodyId =
      payload !== null && typeof payload === 'object' ? (payload as { id?: unknown }).id : undefined;
    if (typeof bodyId === 'string' && bodyId !== id) {
      return answer(400, 'bad_request', {
        error: 'id_mismatch',
        message: 'webhook-id does not match the body id',
      });
    }

    const delivery = describeDelivery(id, timestamp, rawBody, notJson ? undefined : parseEvent(payload));

    let result: 'stored' | 'duplicate';
    try {
      result = await store.recordDelivery(delivery);
    } catch (error) {
      // Not stored, so not acknowledged: Listo will deliver it again.
      logger.error({ err: error, webhookId: id }, 'could not store the delivery');
      return answer(503, 'store_error', { error: 'store_unavailable', message: 'Try again later' });
    }

    if (result === 'duplicate') {
      logger.info({ webhookId: id }, 'duplicate delivery acknowledged');
      return answer(200, 'duplicate', { status: 'duplicate', webhookId: id });
    }
    deps.onStored?.();
    if (delivery.kind === 'invalid') {
      logger.warn(
        { webhookId: id, error: delivery.parseError },
        'signed delivery is not a valid event; kept for inspection',
      );
      return answer(202, 'invalid_event', { status: 'kept_for_inspection', webhookId: id });
    }
    if (delivery.kind === 'unknown') {
      logger.info(
        { webhookId: id, type: delivery.envelope?.type, dataVersion: delivery.envelope?.dataVersion },
        'unknown event type stored',
      );
      return answer(200, 'unknown_type', { status: 'stored', webhookId: id });
    }
    logger.debug({ webhookId: id, type: delivery.envelope?.type }, 'delivery stored');
    return answer(200, 'stored', { status: 'stored', webhookId: id });
  });

  app.all('/webhooks/listo', (c) => {
    metrics.delivery('method_not_allowed');
    return c.json({ error: 'method_not_allowed', message: 'Use POST' }, 405, { Allow: 'POST' });
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
