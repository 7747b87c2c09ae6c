import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeEvent } from '@listo/events/fixtures';
import { type Sandbox, startSandbox } from '@listo/sandbox';
import type { OidcClient } from '@listo/sandbox/oidc';
import type { RunningReceiver } from '../../src/server';
import { postDelivery, removeDir, startTestReceiver, waitFor } from './receiver';

export const SESSION_SECRET = 'receiver-dashboard-test-session-secret-0001';
export const DASHBOARD_CLIENT = {
  clientId: 'receiver-dashboard',
  clientSecret: 'receiver-dashboard-secret-0123456789',
};

/** A port that was free a moment ago: the redirect URI must be registered before the receiver listens. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface DashboardSetup {
  sandbox: Sandbox;
  receiver: RunningReceiver;
  /** A user of the sandbox dataset, who signs in and is on the dashboard's allow-list. */
  user: { id: string; email: string; name: string };
  /** Another user of the dataset, whom Listo signs in too, but who is not on the allow-list. */
  outsider: { id: string };
  /** Names of what was delivered and mirrored, to look for on the page. */
  seen: { clientName: string; userEmail: string; workerEmail: string; eventIds: string[] };
  close(): Promise<void>;
}

/**
 * The sandbox (its OIDC provider registers the receiver as a client) and a receiver whose dashboard signs in
 * against it, with a client, a user and a worker delivered as signed webhooks and mirrored.
 */
export async function startDashboardSetup(): Promise<DashboardSetup> {
  const port = await freePort();
  const clients: OidcClient[] = [
    { ...DASHBOARD_CLIENT, redirectUris: [`http://127.0.0.1:${port}/auth/callback`] },
  ];
  const sandbox = await startSandbox({ seed: 11, oidc: { clients } });
  const [signingIn, outsider] = sandbox.dataset.users;
  if (!signingIn || !outsider || signingIn.email === outsider.email) {
    throw new Error('the sandbox dataset needs two users');
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'lr-dash-'));
  const receiver = await startTestReceiver(
    { kind: 'embedded', dataDir },
    { port },
    {
      dashboard: {
        configured: true,
        oauth: {
          ...DASHBOARD_CLIENT,
          issuer: sandbox.url,
          redirectUri: clients[0]!.redirectUris[0]!,
          sessionSecret: SESSION_SECRET,
        },
        // By subject for the one, and nothing that matches the other.
        allow: { subjects: [signingIn.id], emails: ['someone.else@example.com'], emailDomains: [] },
      },
    },
  );

  const client = makeEvent('client.created', 1, { data: { name: 'Acme <b>EOR</b> & Co' } });
  const user = makeEvent('user.created', 1, { data: { email: 'ops.lead@acme.example' } });
  const worker = makeEvent('worker.onboarded', 1, { data: { email: 'new.hire@acme.example' } });
  for (const event of [client, user, worker]) {
    const response = await postDelivery(receiver.url, event);
    if (response.status !== 200) throw new Error(`delivery answered ${response.status}`);
  }
  const eventIds = [client.id, user.id, worker.id];
  // Read from the store: the API needs a signed-in operator now.
  await waitFor(async () => {
    const rows = await Promise.all(eventIds.map((id) => receiver.store.getDelivery(id)));
    return rows.every((d) => d?.status === 'processed');
  });

  return {
    sandbox,
    receiver,
    user: { id: signingIn.id, email: signingIn.email, name: signingIn.fullName ?? signingIn.email },
    outsider: { id: outsider.id },
    seen: {
      clientName: 'Acme <b>EOR</b> & Co',
      userEmail: 'ops.lead@acme.example',
      workerEmail: 'new.hire@acme.example',
      eventIds,
    },
    async close() {
      await receiver.close();
      await sandbox.stop();
      removeDir(dataDir);
    },
  };
}
