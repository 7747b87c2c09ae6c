import type { ChaosOptions, SubscribeInput } from './gateway';
import { badRequest } from './http-error';
import type { RequestContext } from './http-server';
import { Router } from './router';
import type { Sandbox } from './sandbox';

export interface AdminContext {
  sandbox: Sandbox;
}

type Body = Record<string, unknown>;

function object(body: unknown): Body {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('The request body must be a JSON object');
  }
  return body as Body;
}

function requiredString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw badRequest(`${field} is required (a string)`);
  return value;
}

/**
 * `/__admin/*`: what Listo's own back office would do. Each mutation changes the dataset, emits its event to
 * the installation's subscriptions and answers `{ installationId, entity, event, scheduled }`.
 */
export function createAdminRouter(): Router<AdminContext & RequestContext> {
  return new Router<AdminContext & RequestContext>()
    .add('GET', '/__admin/dataset', (_, { sandbox }) => sandbox.dataset)
    .add('POST', '/__admin/clients', (_, { sandbox, body }) => sandbox.createClient(object(body)))
    .add('POST', '/__admin/users', (_, { sandbox, body }) => {
      const input = object(body);
      return sandbox.createUser({ ...input, clientId: requiredString(input, 'clientId') });
    })
    .add('POST', '/__admin/workers/onboard', (_, { sandbox, body }) => {
      const input = object(body);
      return sandbox.onboardWorker({ ...input, clientId: requiredString(input, 'clientId') });
    })
    .add('POST', '/__admin/workers/{workerId}/update', ({ workerId }, { sandbox, body }) =>
      sandbox.updateWorker(workerId as string, object(body)),
    )
    .add('POST', '/__admin/contracts/{contractId}', ({ contractId }, { sandbox, body }) =>
      sandbox.changeContract(contractId as string, object(body)),
    )
    .add('POST', '/__admin/events', (_, { sandbox, body }) => {
      const input = object(body);
      const dataVersion = input.dataVersion === undefined ? 1 : Number(input.dataVersion);
      if (!Number.isInteger(dataVersion) || dataVersion < 1)
        throw badRequest('dataVersion must be a positive integer');
      try {
        return sandbox.emit(requiredString(input, 'type'), {
          dataVersion,
          ...(typeof input.installationId === 'string' ? { installationId: input.installationId } : {}),
        });
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(error.message);
        throw error;
      }
    })
    .add('GET', '/__admin/subscriptions', (_, { sandbox }) => sandbox.subscriptions().map(redact))
    .add('POST', '/__admin/subscriptions', (_, { sandbox, body }) => {
      const input = object(body);
      try {
        return redact(sandbox.subscribe(input as unknown as SubscribeInput));
      } catch (error) {
        if (error instanceof TypeError) throw badRequest(error.message);
        throw error;
      }
    })
    .add('DELETE', '/__admin/subscriptions/{subscriptionId}', ({ subscriptionId }, { sandbox }) => ({
      deleted: sandbox.unsubscribe(subscriptionId as string),
    }))
    .add(
      'POST',
      '/__admin/subscriptions/{subscriptionId}/rotate',
      ({ subscriptionId }, { sandbox, body }) => {
        const secret = requiredString(object(body), 'secret');
        try {
          return redact(sandbox.rotateSecret(subscriptionId as string, secret));
        } catch (error) {
          if (error instanceof TypeError) throw badRequest(error.message);
          throw error;
        }
      },
    )
    .add(
      'POST',
      '/__admin/subscriptions/{subscriptionId}/complete-rotation',
      ({ subscriptionId }, { sandbox }) => redact(sandbox.completeRotation(subscriptionId as string)),
    )
    .add('GET', '/__admin/deliveries', (_, { sandbox }) => sandbox.deliveries)
    .add('GET', '/__admin/chaos', (_, { sandbox }) => sandbox.chaos)
    .add('POST', '/__admin/chaos', (_, { sandbox, body }) => {
      try {
        sandbox.setChaos(object(body) as ChaosOptions);
      } catch (error) {
        if (error instanceof RangeError) throw badRequest(error.message);
        throw error;
      }
      return sandbox.chaos;
    });
}

/** Subscriptions are listed without their secrets: only how many keys currently sign. */
function redact<T extends { secrets: string[] }>(
  subscription: T,
): Omit<T, 'secrets'> & { signingKeys: number } {
  const { secrets, ...rest } = subscription;
  return { ...rest, signingKeys: secrets.length };
}
