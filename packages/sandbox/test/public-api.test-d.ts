import type { EventOf, ListoEvent, UnknownListoEvent } from '@listo/events';
import type { ClientId, ContractId, EventId, InstanceIntegrationId, WorkerId } from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type AdminSandbox,
  type DeliveryAttempt,
  type ResendResult,
  type Sandbox,
  type SandboxEvent,
  type SandboxOptions,
  startSandbox,
} from '../src/index';

declare const sandbox: Sandbox;
declare const clientId: ClientId;

describe('the programmatic API types', () => {
  it('starts a Sandbox whose mutations return typed entities and events', () => {
    expectTypeOf(startSandbox).returns.resolves.toEqualTypeOf<Sandbox>();
    expectTypeOf<ReturnType<Sandbox['createClient']>['entity']['id']>().toEqualTypeOf<ClientId>();
    expectTypeOf<ReturnType<Sandbox['emit']>['event']['id']>().toEqualTypeOf<EventId>();
    expectTypeOf<ReturnType<Sandbox['emit']>['installationId']>().toEqualTypeOf<InstanceIntegrationId>();
    expectTypeOf<Sandbox['deliveries']>().toEqualTypeOf<DeliveryAttempt[]>();
  });

  it('types each event a sandbox builds as the @listo/events event it is', () => {
    expectTypeOf<SandboxEvent>().toEqualTypeOf<ListoEvent>();
    expectTypeOf(sandbox.createClient().event).toEqualTypeOf<EventOf<'client.created', 1>>();
    expectTypeOf(sandbox.createUser({ clientId }).event).toEqualTypeOf<EventOf<'user.created', 1>>();
    expectTypeOf(sandbox.onboardWorker({ clientId }).event).toEqualTypeOf<EventOf<'worker.onboarded', 1>>();
    expectTypeOf(sandbox.updateWorker('lglsowpr_x', {}).event).toEqualTypeOf<EventOf<'worker.updated', 1>>();
    expectTypeOf(sandbox.changeContract('lglsoctc_x', {}).event).toEqualTypeOf<
      EventOf<'worker.contract.updated', 1> | EventOf<'worker.onboarded', 1>
    >();
    expectTypeOf(sandbox.emit('worker.updated').event).toEqualTypeOf<EventOf<'worker.updated', 1>>();
    expectTypeOf(sandbox.trigger('client.archived').event).toEqualTypeOf<ListoEvent | UnknownListoEvent>();
    expectTypeOf(sandbox.resend('lglsoevt_x')).resolves.toEqualTypeOf<ResendResult>();
  });

  it('takes the ID types of @listo/ids, so a wrong kind of ID does not compile', () => {
    expectTypeOf<Parameters<Sandbox['updateWorker']>[0]>().toEqualTypeOf<WorkerId>();
    expectTypeOf<Parameters<Sandbox['changeContract']>[0]>().toEqualTypeOf<ContractId>();
    // @ts-expect-error a worker ID where a client ID belongs
    sandbox.createUser({ clientId: 'lglsowpr_x' });
    // @ts-expect-error a plain string is not a ClientId
    sandbox.onboardWorker({ clientId: String(clientId) });
    // @ts-expect-error a manager is a user
    sandbox.changeContract('lglsoctc_x', { managerId: 'lglsocli_x' });
  });

  it('is what the admin endpoint drives, without importing the Sandbox class', () => {
    expectTypeOf<Sandbox>().toExtend<AdminSandbox>();
  });

  it('takes the backoff as a schedule or a scale factor, nothing else', () => {
    expectTypeOf<{ deliveryBackoffMs: [20, 40] }>().toExtend<SandboxOptions>();
    expectTypeOf<{ deliveryBackoffMs: 0.01 }>().toExtend<SandboxOptions>();
    // @ts-expect-error a string is not a backoff
    const options: SandboxOptions = { deliveryBackoffMs: '2s' };
    expectTypeOf(options).toEqualTypeOf<SandboxOptions>();
  });
});
