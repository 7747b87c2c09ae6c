import type { ClientId, EventId, InstanceIntegrationId } from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import { type DeliveryAttempt, type Sandbox, type SandboxOptions, startSandbox } from '../src/index';

describe('the programmatic API types', () => {
  it('starts a Sandbox whose mutations return typed entities and events', () => {
    expectTypeOf(startSandbox).returns.resolves.toEqualTypeOf<Sandbox>();
    expectTypeOf<ReturnType<Sandbox['createClient']>['entity']['id']>().toEqualTypeOf<ClientId>();
    expectTypeOf<ReturnType<Sandbox['emit']>['event']['id']>().toEqualTypeOf<EventId>();
    expectTypeOf<ReturnType<Sandbox['emit']>['installationId']>().toEqualTypeOf<InstanceIntegrationId>();
    expectTypeOf<Sandbox['deliveries']>().toEqualTypeOf<DeliveryAttempt[]>();
  });

  it('takes the backoff as a schedule or a scale factor, nothing else', () => {
    expectTypeOf<{ deliveryBackoffMs: [20, 40] }>().toExtend<SandboxOptions>();
    expectTypeOf<{ deliveryBackoffMs: 0.01 }>().toExtend<SandboxOptions>();
    // @ts-expect-error a string is not a backoff
    const options: SandboxOptions = { deliveryBackoffMs: '2s' };
    expectTypeOf(options).toEqualTypeOf<SandboxOptions>();
  });
});
