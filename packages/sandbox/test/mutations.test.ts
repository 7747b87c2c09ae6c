import { parseEvent } from '@listo/events';
import type { ClientId, ContractId } from '@listo/ids';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, SandboxHttpError, startSandbox } from '../src/index';

const API_KEY = 'mutations-test-key';
let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ apiKey: API_KEY, seed: 11 });
});
afterAll(() => sandbox.stop());

/** GETs an event's `links.self` from the sandbox, as a receiver would from the gateway. */
async function follow(event: { data: Record<string, unknown> }) {
  const self = (event.data.links as { self: string }).self;
  const response = await fetch(`${sandbox.url}${self}`, { headers: { 'x-api-key': API_KEY } });
  expect(response.status).toBe(200);
  return response.json();
}

function expectKnown(event: unknown, type: string) {
  const parsed = parseEvent(event);
  expect(parsed.kind, JSON.stringify(parsed)).toBe('known');
  expect(parsed.kind === 'known' && parsed.event.type).toBe(type);
}

describe('mutations', () => {
  it('createClient adds a client to the installation and emits a valid client.created whose link resolves', async () => {
    const installation = sandbox.dataset.installations[1]!;
    const { entity, event, installationId } = sandbox.createClient({
      installationId: installation.id,
      name: 'Kessler - Lumen - EOR',
    });
    expect(installationId).toBe(installation.id);
    expect(entity.id).toMatch(/^lglsocli_/);
    expectKnown(event, 'client.created');
    expect(event.entity).toEqual({ type: 'client', id: entity.id });
    expect(event.data.links).toEqual({
      self: `/v1/instance-integrations/${installation.id}/clients/${entity.id}`,
    });
    expect(await follow(event)).toMatchObject({ clientId: entity.id, name: 'Kessler - Lumen - EOR' });
  });

  it('createUser adds a dashboard user and emits user.created with a lower-cased email', async () => {
    const client = sandbox.dataset.clients[0]!;
    const { entity, event } = sandbox.createUser({ clientId: client.id, email: 'Kalin.Sasaki@Example.com' });
    expectKnown(event, 'user.created');
    expect(event.data).toMatchObject({
      userId: entity.id,
      clientId: client.id,
      email: 'kalin.sasaki@example.com',
    });
    expect(await follow(event)).toEqual(event.data);
  });

  it('onboardWorker adds a worker with an EXECUTED contract and emits worker.onboarded mirroring WorkerV2', async () => {
    const client = sandbox.dataset.clients[0]!;
    const { entity, event } = sandbox.onboardWorker({ clientId: client.id, jobTitle: 'Senior Engineer' });
    expectKnown(event, 'worker.onboarded');
    expect(entity.contracts).toMatchObject([{ status: 'EXECUTED', jobTitle: 'Senior Engineer' }]);
    const { clientId, workerProfileId, ...workerV2 } = event.data;
    expect(clientId).toBe(client.id);
    expect(workerProfileId).toMatch(/^lglsowpf_/);
    // The guides: the REST shape is the event data less its two routing fields.
    expect(await follow(event)).toEqual(workerV2);
  });

  it('updateWorker changes profile fields and emits worker.updated with the new state', async () => {
    const worker = sandbox.dataset.workers[0]!;
    const location = sandbox.dataset.organizationLocations.find((l) => l.clientId === worker.clientId)!;
    const { event } = sandbox.updateWorker(worker.id, {
      firstName: 'Alexandra',
      phone: null,
      organizationLocationId: location.id,
    });
    expectKnown(event, 'worker.updated');
    expect(event.data).toMatchObject({
      workerId: worker.id,
      firstName: 'Alexandra',
      fullName: `Alexandra ${worker.lastName}`,
      phone: null,
      organizationLocation: { id: location.id, name: location.name },
    });
    expect(await follow(event)).toMatchObject({ firstName: 'Alexandra', phone: null });
  });

  it('changeContract emits worker.contract.updated for a contract of an onboarded worker', async () => {
    const worker = sandbox.dataset.workers.find((w) => w.contracts[0]!.status === 'EXECUTED')!;
    const contract = worker.contracts[0]!;
    const { event } = sandbox.changeContract(contract.id, { jobTitle: 'Staff Engineer' });
    expectKnown(event, 'worker.contract.updated');
    expect(event.entity).toEqual({ type: 'workerContract', id: contract.id });
    expect(event.data).toMatchObject({ id: contract.id, jobTitle: 'Staff Engineer', workerId: worker.id });
    const current = (await follow(event)) as { contracts: { id: string; jobTitle: string }[] };
    expect(current.contracts.find((c) => c.id === contract.id)?.jobTitle).toBe('Staff Engineer');
  });

  it("changeContract emits worker.onboarded instead for a worker's first EXECUTED transition", async () => {
    const pending = sandbox.dataset.workers.find((w) => w.contracts.every((c) => c.status !== 'EXECUTED'))!;
    const { event } = sandbox.changeContract(pending.contracts[0]!.id, { status: 'EXECUTED' });
    expectKnown(event, 'worker.onboarded');
    expect(event.entity).toEqual({ type: 'worker', id: pending.id });
    const again = sandbox.changeContract(pending.contracts[0]!.id, { status: 'TERMINATED' });
    expect(again.event.type).toBe('worker.contract.updated');
  });

  it('emit sends a fixture event of any known type and version, with links.self on the installation', () => {
    const installation = sandbox.dataset.installations[0]!;
    for (const type of [
      'client.created',
      'user.created',
      'worker.onboarded',
      'worker.updated',
      'worker.contract.updated',
    ]) {
      const { event } = sandbox.emit(type);
      expectKnown(event, type);
      expect((event.data.links as { self: string }).self).toContain(
        `/instance-integrations/${installation.id}/`,
      );
    }
    expect(() => sandbox.emit('client.deleted')).toThrow(/No fixture for client.deleted v1/);
  });

  it('rejects malformed IDs with a 400 and unknown ones with a 404', () => {
    const error = (fn: () => unknown) => {
      try {
        fn();
      } catch (caught) {
        return caught as SandboxHttpError;
      }
      throw new Error('expected a throw');
    };
    // The types refuse these; a JavaScript caller (or a cast) still gets a clear error at run time.
    expect(error(() => sandbox.createUser({ clientId: 'lglsowpr_nope' as ClientId }))).toMatchObject({
      statusCode: 400,
    });
    expect(error(() => sandbox.createUser({ clientId: 'lglsocli_nope' }))).toMatchObject({ statusCode: 404 });
    expect(error(() => sandbox.updateWorker('lglsowpr_nope', {}))).toMatchObject({ statusCode: 404 });
    expect(error(() => sandbox.changeContract('nope' as ContractId, {}))).toMatchObject({ statusCode: 400 });
    expect(error(() => sandbox.createClient({ installationId: 'inst_nope' }))).toBeInstanceOf(
      SandboxHttpError,
    );
  });
});
