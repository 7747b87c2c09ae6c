import type { AcceptedOutcome, WebhookHandlerHooks } from '@listo/webhook-handler';
import type { Logger } from 'pino';
import type { Metrics } from './metrics';

// The `outcome` label of listo_receiver_deliveries_total, as before the route was built on the handler.
const ACCEPTED: Record<AcceptedOutcome, string> = {
  handled: 'stored',
  unknown: 'unknown_type',
  invalid: 'invalid_event',
  duplicate: 'duplicate',
};
const REJECTED: Record<number, string> = {
  401: 'unauthorized',
  405: 'method_not_allowed',
  409: 'in_progress',
  413: 'too_large',
  415: 'unsupported_media_type',
};

/** The receiver's metrics and logs of each webhook answer; `onStored` is told of each newly stored delivery. */
export function webhookHooks(logger: Logger, metrics: Metrics, onStored?: () => void): WebhookHandlerHooks {
  const observe = (outcome: string, durationMs: number) => {
    metrics.delivery(outcome);
    metrics.observeWebhookSeconds(durationMs / 1000);
  };
  return {
    onAccepted({ outcome, webhookId, type, dataVersion, error, durationMs }) {
      observe(ACCEPTED[outcome], durationMs);
      if (outcome === 'duplicate') {
        logger.info({ webhookId }, 'duplicate delivery acknowledged');
        return;
      }
      if (outcome === 'invalid')
        logger.warn(
          { webhookId, error: error?.message },
          'signed delivery is not a valid event; kept for inspection',
        );
      else if (outcome === 'unknown')
        logger.info({ webhookId, type, dataVersion }, 'unknown event type stored');
      else logger.debug({ webhookId, type }, 'delivery stored');
      onStored?.();
    },
    onRejected({ status, reason, webhookId, durationMs }) {
      observe(REJECTED[status] ?? 'bad_request', durationMs);
      if (status === 400 || status === 401)
        logger.warn({ code: reason, webhookId }, 'webhook delivery rejected');
    },
    onFailed({ reason, error, webhookId, durationMs }) {
      const stored = reason === 'store_unavailable';
      observe(stored ? 'store_error' : 'internal_error', durationMs);
      // Not stored, so not acknowledged: Listo will deliver it again.
      logger.error(
        { err: error, webhookId },
        stored ? 'could not store the delivery' : 'webhook delivery failed',
      );
    },
  };
}
