import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DeliveryAttempt, newEventId, startSandbox } from '@listo/sandbox';
import { Webhook } from '@listo/webhooks';
import { createLogger } from '../src/logger';
import { startReceiver } from '../src/server';
import type { DeliveryRow, MirrorRow } from '../src/store/store-types';
import { renderTable, shortId } from './table';

export interface DemoResult {
  clients: MirrorRow[];
  users: MirrorRow[];
  workers: MirrorRow[];
  contracts: MirrorRow[];
  deliveries: DeliveryRow[];
  gatewayAttempts: DeliveryAttempt[];
  forgedStatus: number;
  /** Named events of the scenario, so a test can check what became of each. */
  marks: Record<string, string>;
}

const whk = () => `whk_${randomBytes(32).toString('base64url')}`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The scenario behind `pnpm demo`: a local Listo (the sandbox) delivers a day of events to the receiver on
 * its embedded store, including everything the guides warn about, and the result is printed as tables.
 */
export async function runDemo(options: { print?: (text: string) => void } = {}): Promise<DemoResult> {
  const print = options.print ?? ((text: string) => process.stdout.write(`${text}\n`));
  const step = (text: string) => print(`\n▸ ${text}`);
  const oldKey = whk();
  const newKey = whk();
  const dataDir = mkdtempSync(join(tmpdir(), 'listo-demo-'));
  const marks: Record<string, string> = {};

  // Listo's real retry schedule is 2/4/8 s; scaled down so the demo runs in seconds.
  const sandbox = await startSandbox({ seed: 42, deliveryBackoffMs: 0.01 });
  // The operator configures both keys before the rotation starts, as the guides advise.
  const receiver = await startReceiver(
    {
      port: 0,
      host: '127.0.0.1',
      webhookSecrets: [oldKey, newKey],
      databaseUrl: undefined,
      dataDir,
      apiKey: undefined,
      apiBaseUrl: undefined,
      logLevel: 'silent',
      leaseMs: 30_000,
      maxAttempts: 5,
      retryBaseMs: 200,
      pollMs: 50,
    },
    { logger: createLogger({ level: 'silent' }) },
  );

  try {
    print(`Listo sandbox:   ${sandbox.url}`);
    print(`Receiver:        ${receiver.url} (embedded PGlite store in ${dataDir})`);
    const subscription = sandbox.subscribe({ url: `${receiver.url}/webhooks/listo`, secret: oldKey });
    print(`Subscribed ${receiver.url}/webhooks/listo to installation ${subscription.installationId}`);

    step('Onboarding: two clients, a dashboard user, two workers');
    const acme = sandbox.createClient({ name: 'Acme Robotics - EOR' }).entity;
    const globex = sandbox.createClient({ name: 'Globex - Contractors' }).entity;
    const kalin = sandbox.createUser({ clientId: acme.id, firstName: 'Kalin', lastName: 'Sasaki' });
    marks.userCreated = kalin.event.id;
    const alex = sandbox.onboardWorker({
      clientId: acme.id,
      firstName: 'Alex',
      lastName: 'Kim',
      jobTitle: 'Senior Engineer',
    });
    const sam = sandbox.onboardWorker({
      clientId: globex.id,
      firstName: 'Sam',
      lastName: 'Rivera',
      jobTitle: 'Designer',
    });
    await sandbox.waitForDeliveries();

    step('Updates: a worker changes email, a contract gets a new job title');
    sandbox.updateWorker(alex.entity.id, { email: 'alex.kim@acme.example', phone: '+12025550199' });
    const contract = alex.entity.contracts[0];
    if (contract)
      marks.contractChanged = sandbox.changeContract(contract.id, { jobTitle: 'Staff Engineer' }).event.id;
    await sandbox.waitForDeliveries();

    step('A duplicate: the gateway delivers the same event twice');
    sandbox.setChaos({ duplicateRate: 1 });
    marks.duplicate = sandbox.createUser({
      clientId: globex.id,
      firstName: 'Dana',
      lastName: 'Okafor',
    }).event.id;
    sandbox.setChaos({ duplicateRate: 0 });
    await sandbox.waitForDeliveries();

    step('A reordered pair: two updates to one worker arrive newest first');
    sandbox.setChaos({ reorderWindowMs: 150 });
    marks.olderUpdate = sandbox.updateWorker(sam.entity.id, {
      email: 'sam.first-change@globex.example',
    }).event.id;
    await pause(5); // distinct occurredAt values
    marks.newerUpdate = sandbox.updateWorker(sam.entity.id, { email: 'sam.rivera@globex.example' }).event.id;
    await sandbox.waitForDeliveries();
    sandbox.setChaos({ reorderWindowMs: 0 });

    step('An event type this receiver does not know yet');
    const unknownId = newEventId();
    marks.unknown = unknownId;
    sandbox.publish({
      id: unknownId,
      type: 'client.archived',
      specVersion: 1,
      dataVersion: 1,
      occurredAt: new Date().toISOString(),
      entity: { type: 'client', id: globex.id },
      data: { clientId: globex.id, reason: 'contract ended' },
    });
    await sandbox.waitForDeliveries();

    step('A forged delivery: signed with a key Listo never issued');
    const forged = JSON.stringify({
      id: newEventId(),
      type: 'client.created',
      specVersion: 1,
      dataVersion: 1,
      occurredAt: new Date().toISOString(),
      entity: { type: 'client', id: acme.id },
      data: { clientId: acme.id, name: 'Evil Corp', address: {}, links: { self: '/' } },
    });
    const forgedId = (JSON.parse(forged) as { id: string }).id;
    const ts = Math.floor(Date.now() / 1000);
    const forgedResponse = await fetch(`${receiver.url}/webhooks/listo`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': forgedId,
        'webhook-timestamp': String(ts),
        'webhook-signature': new Webhook(whk()).sign(forgedId, ts, forged),
      },
      body: forged,
    });
    print(`  receiver answered ${forgedResponse.status} ${(await forgedResponse.json()).error}`);

    step('A key rotation: deliveries signed with both keys, then with the new key only');
    sandbox.rotateSecret(subscription.id, newKey);
    marks.duringRotation = sandbox.createClient({ name: 'Initech - EOR' }).event.id;
    await sandbox.waitForDeliveries();
    sandbox.completeRotation(subscription.id);
    marks.afterRotation = sandbox.createUser({
      clientId: acme.id,
      firstName: 'Lee',
      lastName: 'Park',
    }).event.id;
    await sandbox.waitForDeliveries();

    // Everything was acknowledged; wait for the processor to finish mirroring it.
    const deadline = Date.now() + 20_000;
    for (;;) {
      const c = await receiver.store.countByStatus();
      if (c.pending + c.processing + c.retrying === 0) break;
      if (Date.now() > deadline) throw new Error('the receiver did not finish processing in time');
      await pause(50);
    }

    const [clients, users, workers, contracts, deliveries] = await Promise.all([
      receiver.store.listClients(),
      receiver.store.listUsers(),
      receiver.store.listWorkers(),
      receiver.store.listContracts(),
      receiver.store.listDeliveries({ limit: 1000 }),
    ]);
    const gatewayAttempts = sandbox.deliveries;

    print(
      renderTable(
        'Clients',
        ['client', 'name', 'placeholder', 'last event at'],
        clients.map((c) => [
          shortId(c.clientId),
          c.name as string,
          c.isPlaceholder ? 'yes' : 'no',
          c.occurredAt as string,
        ]),
      ),
    );
    print(
      renderTable(
        'Users',
        ['user', 'client', 'name', 'email'],
        users.map((u) => [shortId(u.userId), shortId(u.clientId), u.fullName as string, u.email as string]),
      ),
    );
    print(
      renderTable(
        'Workers',
        ['worker', 'client', 'name', 'email', 'phone', 'onboarded at'],
        workers.map((w) => [
          shortId(w.workerId),
          shortId(w.clientId),
          w.fullName as string,
          w.email as string,
          w.phone as string,
          w.onboardedAt as string,
        ]),
      ),
    );
    print(
      renderTable(
        'Contracts',
        ['contract', 'worker', 'status', 'job title'],
        contracts.map((k) => [
          shortId(k.contractId),
          shortId(k.workerId),
          k.status as string,
          k.jobTitle as string,
        ]),
      ),
    );
    const label = Object.fromEntries(Object.entries(marks).map(([k, v]) => [v, k]));
    print(
      renderTable(
        'Delivery log (receiver: one row per webhook-id)',
        ['webhook-id', 'type', 'status', 'received', 'attempts', 'note'],
        [...deliveries]
          .reverse()
          .map((d) => [
            shortId(d.webhookId),
            d.type ?? '—',
            d.status,
            `${d.timesReceived}×`,
            d.attempts,
            label[d.webhookId] ?? '',
          ]),
      ),
    );
    print(
      renderTable(
        'Gateway attempts (sandbox: every HTTP attempt it made)',
        ['webhook-id', 'type', 'attempt', 'HTTP'],
        gatewayAttempts.map((a) => [shortId(a.webhookId), a.eventType, a.attempt, a.status ?? a.error]),
      ),
    );
    const byId = new Map(deliveries.map((d) => [d.webhookId, d]));
    const sami = workers.find((w) => w.workerId === sam.entity.id);
    const checks: [boolean, string][] = [
      [gatewayAttempts.every((a) => a.ok), 'every delivery Listo made was acknowledged with 2xx'],
      [
        deliveries.every((d) => d.status === 'processed' || d.status === 'ignored'),
        'every stored event was processed',
      ],
      [
        byId.get(marks.duplicate ?? '')?.timesReceived === 2 &&
          byId.get(marks.duplicate ?? '')?.attempts === 1,
        'the duplicate was received twice and processed once',
      ],
      [sami?.email === 'sam.rivera@globex.example', 'the reordered pair left the newest state in place'],
      [
        byId.get(marks.unknown ?? '')?.status === 'ignored',
        'the unknown event type was stored, logged and acknowledged',
      ],
      [forgedResponse.status === 401, 'the forged delivery was rejected with 401 and not stored'],
      [
        byId.get(marks.duringRotation ?? '')?.status === 'processed' &&
          byId.get(marks.afterRotation ?? '')?.status === 'processed',
        'deliveries during and after the key rotation were verified',
      ],
    ];
    print('\nChecks');
    for (const [ok, text] of checks) print(`  ${ok ? '✔' : '✘'} ${text}`);
    if (checks.some(([ok]) => !ok)) throw new Error('the demo scenario did not end as expected');

    return {
      clients,
      users,
      workers,
      contracts,
      deliveries,
      gatewayAttempts,
      forgedStatus: forgedResponse.status,
      marks,
    };
  } finally {
    await receiver.close();
    await sandbox.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
