import { Webhook as ReferenceWebhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../src/index';
import { makeSecret, type ReceivedRequest, startReceiver } from './support/receiver';

/**
 * A receiver written with nothing but the Standard Webhooks reference library: it verifies each request on
 * the raw body and answers 204 when the signature holds, 400 otherwise. Every delivery the sandbox makes,
 * whatever the event, the attempt or the chaos, must verify.
 */
describe('a receiver built only on the Standard Webhooks reference library', () => {
  const oldKey = makeSecret(7);
  const newKey = makeSecret(8);
  const verdicts: { request: ReceivedRequest; verified: boolean; reason?: string }[] = [];
  let sandbox: Sandbox;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  // The receiver knows the key in Standard Webhooks' own format (whsec_<base64>), never Listo's whk_ form.
  let acceptedKeys = [oldKey.whsec];

  beforeAll(async () => {
    receiver = await startReceiver((request, index) => {
      const headers = request.headers as Record<string, string>;
      const errors: string[] = [];
      for (const key of acceptedKeys) {
        try {
          new ReferenceWebhook(key).verify(request.body, headers);
          verdicts.push({ request, verified: true });
          // Fail every fifth request once, so retried attempts get verified too.
          return index % 5 === 4 ? 503 : 204;
        } catch (error) {
          errors.push((error as Error).message);
        }
      }
      verdicts.push({ request, verified: false, reason: errors.join('; ') });
      return 400;
    });
    sandbox = await startSandbox({ seed: 21, deliveryBackoffMs: 0.005, chaos: { duplicateRate: 0.3 } });
  });
  afterAll(async () => {
    await sandbox.stop();
    await receiver.close();
  });

  it('verifies every delivery of every kind of event, including retries, duplicates and a key rotation', async () => {
    const subscription = sandbox.subscribe({ url: receiver.url, secret: oldKey.whk });
    const client = sandbox.createClient().entity;
    sandbox.createUser({ clientId: client.id });
    const worker = sandbox.onboardWorker({ clientId: client.id }).entity;
    sandbox.updateWorker(worker.id, { lastName: 'Okafor' });
    sandbox.changeContract(worker.contracts[0]!.id, { jobTitle: 'Principal Engineer' });
    for (const type of [
      'client.created',
      'user.created',
      'worker.onboarded',
      'worker.updated',
      'worker.contract.updated',
    ]) {
      sandbox.emit(type);
    }
    // An event type this version of the contracts does not know yet is signed like any other.
    sandbox.publish({
      id: 'lglsoevt_uFutureEvent0000001',
      type: 'client.archived',
      specVersion: 1,
      dataVersion: 1,
      occurredAt: new Date().toISOString(),
      entity: { type: 'client', id: client.id },
      data: { clientId: client.id },
    });
    await sandbox.waitForDeliveries();

    // Rotation: the gateway signs with both keys; a receiver that only knows the new one still verifies.
    sandbox.rotateSecret(subscription.id, newKey.whk);
    acceptedKeys = [newKey.whsec];
    sandbox.createClient();
    await sandbox.waitForDeliveries();
    acceptedKeys = [oldKey.whsec];
    sandbox.createClient();
    await sandbox.waitForDeliveries();

    const failures = verdicts.filter((v) => !v.verified);
    expect(failures.map((f) => f.reason)).toEqual([]);
    expect(verdicts.length).toBe(sandbox.deliveries.length);
    expect(verdicts.length).toBeGreaterThanOrEqual(13);
    // The mix really did include retries and (seeded) duplicates.
    expect(sandbox.deliveries.some((a) => a.attempt > 1)).toBe(true);
    const ids = verdicts.map((v) => v.request.headers['webhook-id']);
    expect(new Set(ids).size).toBeLessThan(ids.length);
  });
});
