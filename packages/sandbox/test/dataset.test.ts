import { type ID_PREFIXES, idKind, isId } from '@listo/ids';
import { describe, expect, it } from 'vitest';
import { generateDataset } from '../src/index';

describe('the generated dataset', () => {
  it('is the same for the same seed and differs for another seed', () => {
    expect(generateDataset(5).dataset).toEqual(generateDataset(5).dataset);
    expect(generateDataset(5).dataset.installations).not.toEqual(generateDataset(6).dataset.installations);
  });

  it('gives every record an ID with the prefix of its kind', () => {
    const { dataset } = generateDataset(9);
    const check = (kind: keyof typeof ID_PREFIXES, ids: readonly string[]) => {
      expect(ids.length).toBeGreaterThan(0);
      for (const id of ids) expect(isId(kind, id), id).toBe(true);
    };
    check(
      'installation',
      dataset.installations.map((i) => i.id),
    );
    check(
      'client',
      dataset.clients.map((c) => c.id),
    );
    check(
      'user',
      dataset.users.map((u) => u.id),
    );
    check(
      'worker',
      dataset.workers.map((w) => w.id),
    );
    check(
      'workerProfile',
      dataset.workers.map((w) => w.workerProfileId),
    );
    check(
      'contract',
      dataset.workers.flatMap((w) => w.contracts.map((c) => c.id)),
    );
    check(
      'organizationUnit',
      dataset.organizationUnits.map((u) => u.id),
    );
    check(
      'organizationLocation',
      dataset.organizationLocations.map((l) => l.id),
    );
    const all = [...dataset.clients.map((c) => c.id), ...dataset.workers.map((w) => w.id)];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((id) => idKind(id) !== undefined)).toBe(true);
  });

  it('links every record to records that exist', () => {
    const { dataset } = generateDataset(12);
    const clientIds = new Set(dataset.clients.map((c) => c.id));
    const userIds = new Set(dataset.users.map((u) => u.id));
    for (const client of dataset.clients) {
      expect(dataset.installations.some((i) => i.id === client.installationId)).toBe(true);
    }
    for (const worker of dataset.workers) {
      expect(clientIds.has(worker.clientId)).toBe(true);
      for (const contract of worker.contracts) {
        expect(contract.clientId).toBe(worker.clientId);
        if (contract.managerId) expect(userIds.has(contract.managerId)).toBe(true);
      }
    }
  });

  it('has onboarded and not-yet-onboarded workers, and one person working for two clients', () => {
    const { dataset } = generateDataset(1);
    const statuses = new Set(dataset.workers.map((w) => w.contracts[0]!.status));
    expect(statuses).toEqual(new Set(['EXECUTED', 'PENDING_SIGNATURE']));
    const shared = dataset.workers.filter((w) =>
      dataset.workers.some((other) => other !== w && other.workerProfileId === w.workerProfileId),
    );
    expect(shared).toHaveLength(2);
    expect(new Set(shared.map((w) => w.clientId)).size).toBe(2);
  });

  it('grows to the requested shape', () => {
    const { dataset } = generateDataset(1, {
      installations: 3,
      clientsPerInstallation: 1,
      workersPerClient: 2,
    });
    expect(dataset.installations).toHaveLength(3);
    expect(dataset.clients).toHaveLength(3);
  });
});
