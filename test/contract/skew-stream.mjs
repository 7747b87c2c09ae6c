/**
 * One sandbox stream to every partner service given on the command line (JSON: `{ targets: [{ url, secret }],
 * newPair: { type, dataVersion, field } }`): the sandbox's gateway signs and delivers a known event, an event of
 * the new pair (built from the known one, as Listo would send it once it ships that version) and a redelivery
 * of it (a retry after a lost acknowledgement), with every delivery duplicated by the chaos switch. Prints the
 * events and the delivery log as JSON. Run with `node --conditions=@listo/source --import tsx` (plain JavaScript, so the
 * repository type-check does not pull the packages' sources in under its settings).
 */
import { makeEvent } from '../../packages/events/src/fixtures/index.ts';
import { startSandbox } from '../../packages/sandbox/src/index.ts';

const { targets, newPair } = JSON.parse(process.argv[2]);

const sandbox = await startSandbox({ seed: 7, deliveryBackoffMs: 0.001, chaos: { duplicateRate: 1 } });
try {
  for (const { url, secret } of targets) sandbox.subscribe({ url, secret });
  const known = makeEvent('client.created', 1);
  const base = makeEvent('client.created', 1);
  const next = {
    ...base,
    type: newPair.type,
    dataVersion: newPair.dataVersion,
    data: { ...base.data, [newPair.field]: `${base.data.name} Holdings Ltd` },
  };
  sandbox.publish(known);
  sandbox.publish(next);
  await sandbox.waitForDeliveries({ timeoutMs: 60_000 });
  sandbox.publish(next); // the same webhook-id again, as a retry after a lost acknowledgement
  const deliveries = await sandbox.waitForDeliveries({ timeoutMs: 60_000 });
  console.log(
    JSON.stringify({
      events: { known, next },
      deliveries: deliveries.map(({ webhookId, url, status, attempt, final }) => ({
        webhookId,
        url,
        status,
        attempt,
        final,
      })),
    }),
  );
} finally {
  await sandbox.stop();
}
