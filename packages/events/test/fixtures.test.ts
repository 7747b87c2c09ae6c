import { generateId, idKind, isId, parseLink } from '@listo/ids';
import { describe, expect, it } from 'vitest';
import {
  clientCreatedV1Sample,
  GUIDE_SAMPLE_EVENTS,
  makeEvent,
  randomId,
  SAMPLE_EVENTS,
  userCreatedV1Sample,
  workerOnboardedV1Sample,
} from '../src/fixtures/index';
import { EVENT_CATALOG, parseEvent } from '../src/index';

/** Every string in a value that looks like a Listo ID, with its path. */
function idsIn(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return idKind(value) ? [[path, value]] : [];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => idsIn(child, path ? `${path}.${key}` : key));
}

describe('the samples', () => {
  it('has one sample per catalog entry, in catalog order', () => {
    expect(SAMPLE_EVENTS.map(({ type, dataVersion }) => ({ type, dataVersion }))).toEqual(
      EVENT_CATALOG.map(({ type, dataVersion }) => ({ type, dataVersion })),
    );
  });

  it("keeps the guides' own values (IDs, names, dates, links) for the three documented events", () => {
    expect(GUIDE_SAMPLE_EVENTS.map((e) => e.id)).toEqual([
      'lglsoevt_uZJK2rPmA1nGqvE5w',
      'lglsoevt_uZK1mPLqRH4NbVcD8',
      'lglsoevt_uZL2qPRsTH9NbXeC1',
    ]);
    expect(clientCreatedV1Sample.data.address.postalCode).toBe('61092-4164');
    expect(userCreatedV1Sample.data.createdAt).toBe('2026-05-02T10:42:00.000Z');
    expect(workerOnboardedV1Sample.data.contracts[0]!.managerId).toBe('lglsousr_uXYZxLtq9ABvCdEf2');
    expect(workerOnboardedV1Sample.data.links.self).toBe(
      '/v2/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/workers/lglsowpr_uZIIQiu8Q5zhUXgbR',
    );
  });

  it("uses valid example addresses where the guides' copies show a redacted e-mail", () => {
    expect(userCreatedV1Sample.data.email).toBe('kalin.sasaki@example.com');
    expect(workerOnboardedV1Sample.data.email).toBe('alex.kim@example.com');
    for (const sample of SAMPLE_EVENTS) expect(JSON.stringify(sample)).not.toContain('protected');
  });

  it('are deeply frozen, so a test that mutates one fails instead of leaking', () => {
    expect(Object.isFrozen(workerOnboardedV1Sample.data.contracts[0])).toBe(true);
    expect(() => {
      (workerOnboardedV1Sample.data as { email: string }).email = 'x';
    }).toThrow(TypeError);
  });
});

describe('makeEvent', () => {
  it.each(EVENT_CATALOG.map((entry) => [entry.type, entry] as const))(
    'makes a valid %s event',
    (_, entry) => {
      const event = makeEvent(entry.type, entry.dataVersion);
      expect(parseEvent(event)).toEqual({ kind: 'known', event });
      expect(event.entity.type).toBe(entry.entityType);
    },
  );

  it('uses fresh, correctly prefixed IDs on every call', () => {
    for (const { type, dataVersion } of EVENT_CATALOG) {
      const first = idsIn(makeEvent(type, dataVersion));
      const second = idsIn(makeEvent(type, dataVersion));
      expect(first.length).toBeGreaterThan(2);
      const secondById = new Map(second);
      for (const [path, id] of first) expect(secondById.get(path), path).not.toBe(id);
    }
    const event = makeEvent('worker.onboarded', 1);
    expect(isId('event', event.id)).toBe(true);
    expect(isId('worker', event.data.workerId)).toBe(true);
    expect(isId('workerProfile', event.data.workerProfileId)).toBe(true);
    expect(isId('contract', event.data.contracts[0]!.id)).toBe(true);
  });

  it("reuses the samples' values in events that a test may change freely", () => {
    for (const { type, dataVersion } of EVENT_CATALOG) {
      const event = makeEvent(type, dataVersion) as { data: Record<string, unknown> };
      expect(Object.isFrozen(event.data)).toBe(false);
      for (const value of Object.values(event.data))
        if (typeof value === 'object' && value !== null) expect(Object.isFrozen(value)).toBe(false);
    }
    const worker = makeEvent('worker.onboarded', 1);
    expect(worker.data.address).toEqual(workerOnboardedV1Sample.data.address);
    expect(worker.data.contracts[0]!.jobTitle).toBe(workerOnboardedV1Sample.data.contracts[0]!.jobTitle);
    worker.data.contracts[0]!.jobTitle = 'Changed';
    expect(workerOnboardedV1Sample.data.contracts[0]!.jobTitle).toBe('Senior Engineer');
  });

  it('keeps related IDs consistent: entity.id, the data ID and the IDs in links.self', () => {
    const worker = makeEvent('worker.onboarded', 1);
    expect(worker.entity.id).toBe(worker.data.workerId);
    expect(worker.data.contracts[0]!.clientId).toBe(worker.data.clientId);
    expect(parseLink(worker.data.links.self)).toMatchObject({
      kind: 'worker',
      clientId: worker.data.clientId,
      workerId: worker.data.workerId,
    });
    const client = makeEvent('client.created', 1);
    expect(parseLink(client.data.links.self)).toMatchObject({
      kind: 'client',
      clientId: client.data.clientId,
    });
    const user = makeEvent('user.created', 1);
    expect(parseLink(user.data.links.self)).toMatchObject({
      kind: 'user',
      clientId: user.data.clientId,
      userId: user.data.userId,
    });
    const contract = makeEvent('worker.contract.updated', 1);
    expect(contract.entity.id).toBe(contract.data.id);
    expect(parseLink(contract.data.links?.self)).toMatchObject({
      kind: 'worker',
      workerId: contract.data.workerId,
    });
  });

  it('deep-merges overrides and replaces arrays whole', () => {
    const event = makeEvent('worker.onboarded', 1, {
      occurredAt: '2026-01-01T00:00:00.000Z',
      data: { firstName: 'Sam', address: { city: 'Shelbyville' }, contracts: [] },
    });
    expect(event.occurredAt).toBe('2026-01-01T00:00:00.000Z');
    expect(event.data.firstName).toBe('Sam');
    expect(event.data.lastName).toBe('Kim');
    expect(event.data.address).toMatchObject({ city: 'Shelbyville', address1: '742 Evergreen Terrace' });
    expect(event.data.contracts).toEqual([]);
    expect(parseEvent(event).kind).toBe('known');
  });

  it('makes entity.id follow an overridden data ID, unless entity.id is overridden too', () => {
    const followed = makeEvent('client.created', 1, { data: { clientId: 'lglsocli_fixed' } });
    expect(followed.entity.id).toBe('lglsocli_fixed');
    const explicit = makeEvent('client.created', 1, {
      entity: { id: 'lglsocli_other' },
      data: { clientId: 'lglsocli_fixed' },
    });
    expect(explicit.entity.id).toBe('lglsocli_other');
  });

  it('lets a test build an invalid event on purpose, and ignores __proto__ in overrides', () => {
    const broken = makeEvent('user.created', 1, { data: { createdAt: 'not a date' } });
    expect(parseEvent(broken).kind).toBe('invalid');
    const sneaky = makeEvent('user.created', 1, JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(sneaky)).toBe(Object.prototype);
  });

  it('refuses a (type, dataVersion) it does not know', () => {
    expect(() => makeEvent('client.created', 2 as 1)).toThrow(RangeError);
    expect(() => makeEvent('constructor' as 'client.created', 1)).toThrow(RangeError);
  });
});

describe('randomId', () => {
  it('is generateId of @listo/ids, the one home of Listo-style IDs', () => {
    expect(randomId).toBe(generateId);
  });
});
