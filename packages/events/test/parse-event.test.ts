import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientCreatedV1Sample,
  makeEvent,
  SAMPLE_EVENTS,
  userCreatedV1Sample,
  workerOnboardedV1Sample,
  workerUpdatedV1Sample,
} from '../src/fixtures/index';
import { EventParseError, type ParseEventResult, parseEvent } from '../src/index';
import { formatPath } from '../src/parsing/event-parse-error';

// biome-ignore lint/suspicious/noExplicitAny: tests break samples field by field, as a hostile sender would.
type Mutable = Record<string, any>;

/** A mutable deep copy of a sample, as a plain JSON value (what a webhook body becomes after JSON.parse). */
function copy<T>(value: T): Mutable {
  return JSON.parse(JSON.stringify(value));
}

function expectInvalid(result: ParseEventResult): EventParseError {
  expect(result.kind).toBe('invalid');
  if (result.kind !== 'invalid') throw new Error('unreachable');
  expect(result.error).toBeInstanceOf(EventParseError);
  return result.error;
}

describe('parseEvent on the samples', () => {
  it.each(SAMPLE_EVENTS.map((event) => [event.type, event] as const))(
    'parses the %s sample as known',
    (_, sample) => {
      const result = parseEvent(copy(sample));
      expect(result).toEqual({ kind: 'known', event: sample });
    },
  );

  it('returns a new object and leaves the input untouched', () => {
    const input = copy(workerOnboardedV1Sample);
    const before = JSON.stringify(input);
    const result = parseEvent(input);
    expect(result.kind === 'known' && result.event).not.toBe(input);
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe('tolerance of what Listo adds later', () => {
  it('keeps unknown fields at every level: envelope, entity, data, nested objects and array elements', () => {
    const input = copy(workerOnboardedV1Sample);
    input.traceId = 'abc';
    input.entity.region = 'eu';
    input.data.preferredName = 'Al';
    input.data.address.countryName = 'United States';
    input.data.organizationUnit.code = 'ENG';
    input.data.contracts[0].probationEndDate = '2026-08-02';
    input.data.links.api = '/v3/x';
    const result = parseEvent(input);
    expect(result.kind).toBe('known');
    expect(result.kind === 'known' && result.event).toEqual(input);
  });

  it('accepts any string where the guides give values only by example (status, billingFrequency, engagementType)', () => {
    const input = copy(workerOnboardedV1Sample);
    Object.assign(input.data.contracts[0], {
      status: 'ON_HOLD',
      billingFrequency: 'QUARTERLY',
      engagementType: 'INTERN',
    });
    expect(parseEvent(input).kind).toBe('known');
  });

  it('accepts null wherever the guides document null', () => {
    const input = copy(workerOnboardedV1Sample);
    Object.assign(input.data, {
      firstName: null,
      lastName: null,
      fullName: null,
      phone: null,
      dateOfBirth: null,
      organizationUnit: null,
      organizationLocation: null,
    });
    input.data.address = Object.fromEntries(Object.keys(input.data.address).map((k) => [k, null]));
    Object.assign(input.data.contracts[0], { contractEndDate: null, managerId: null });
    expect(parseEvent(input).kind).toBe('known');
    const user = copy(userCreatedV1Sample);
    Object.assign(user.data, { firstName: null, lastName: null, fullName: null });
    expect(parseEvent(user).kind).toBe('known');
  });

  it('parses worker.updated (INFERRED) with the worker.onboarded data shape', () => {
    const input = copy(workerUpdatedV1Sample);
    expect(parseEvent(input).kind).toBe('known');
    delete input.data.contracts;
    expect(expectInvalid(parseEvent(input)).path).toBe('data.contracts');
  });

  it('accepts an empty contracts array', () => {
    const input = copy(workerOnboardedV1Sample);
    input.data.contracts = [];
    expect(parseEvent(input).kind).toBe('known');
  });

  it('parses an unknown type as unknown and keeps its data whole', () => {
    const input = {
      ...copy(clientCreatedV1Sample),
      type: 'client.archived',
      data: { anything: [1, { deep: true }] },
    };
    expect(parseEvent(input)).toEqual({ kind: 'unknown', event: input });
  });

  it('parses an unknown dataVersion of a known type as unknown, whatever its data', () => {
    const input = { ...copy(clientCreatedV1Sample), dataVersion: 2, data: { clientId: 42 } };
    expect(parseEvent(input)).toEqual({ kind: 'unknown', event: input });
  });

  it('parses a specVersion other than 1 as unknown, even for a known (type, dataVersion)', () => {
    const input = { ...copy(clientCreatedV1Sample), specVersion: 2 };
    expect(parseEvent(input)).toEqual({ kind: 'unknown', event: input });
  });

  it('accepts an occurredAt with an explicit UTC offset', () => {
    const input = { ...copy(clientCreatedV1Sample), occurredAt: '2026-05-02T10:14:32+00:00' };
    expect(parseEvent(input).kind).toBe('known');
  });
});

describe('what the envelope accepts at its edges (a receiver must store all of it)', () => {
  it('accepts any positive safe integer as dataVersion and specVersion, as an unknown event', () => {
    for (const version of [2, 2_147_483_648, Number.MAX_SAFE_INTEGER]) {
      expect(parseEvent({ ...copy(clientCreatedV1Sample), dataVersion: version }).kind).toBe('unknown');
      expect(parseEvent({ ...copy(clientCreatedV1Sample), specVersion: version }).kind).toBe('unknown');
    }
    for (const version of [2 ** 53, Number.MAX_VALUE, Number.POSITIVE_INFINITY, Number.NaN]) {
      expect(expectInvalid(parseEvent({ ...copy(clientCreatedV1Sample), dataVersion: version })).path).toBe(
        'dataVersion',
      );
    }
  });

  it('accepts occurredAt from year 0000 to 9999, offsets up to ±23:59 and any number of fraction digits', () => {
    for (const occurredAt of [
      '0000-01-01T00:00:00Z',
      '9999-12-31T23:59:59.999Z',
      '2026-05-02T10:14:32+23:59',
      '2026-05-02T10:14:32-23:59',
      '2026-05-02T10:14:32.123456789012Z',
    ]) {
      expect(parseEvent({ ...copy(clientCreatedV1Sample), occurredAt }).kind, occurredAt).toBe('known');
    }
    for (const occurredAt of [
      '2026-05-02T10:14Z',
      '2026-05-02T10:14:32+24:00',
      '2026-05-02T10:14:32+0000',
      '2026-05-02T24:00:00Z',
      '2026-02-30T00:00:00Z',
      '+012026-05-02T10:14:32Z',
      '2026-05-02T10:14:32',
    ]) {
      expect(expectInvalid(parseEvent({ ...copy(clientCreatedV1Sample), occurredAt })).path, occurredAt).toBe(
        'occurredAt',
      );
    }
  });

  it('gives every accepted occurredAt an instant that Date can represent', () => {
    for (const occurredAt of ['0000-01-01T00:00:00+23:59', '9999-12-31T23:59:59.9999999-23:59']) {
      expect(parseEvent({ ...copy(clientCreatedV1Sample), occurredAt }).kind).toBe('known');
      expect(Number.isFinite(Date.parse(occurredAt))).toBe(true);
    }
  });
});

describe('invalid events name the failing path', () => {
  it('names a nested path inside an array', () => {
    const input = copy(workerOnboardedV1Sample);
    input.data.contracts[0].startDate = '2026-05-02T00:00:00Z';
    const error = expectInvalid(parseEvent(input));
    expect(error.path).toBe('data.contracts[0].startDate');
    expect(error.message).toContain('worker.onboarded v1');
    expect(error.message).toContain('data.contracts[0].startDate');
    expect(error).toMatchObject({
      type: 'worker.onboarded',
      dataVersion: 1,
      eventId: workerOnboardedV1Sample.id,
    });
  });

  it('rejects a date-time where a date is documented, and a date where a date-time is documented', () => {
    const dob = copy(workerOnboardedV1Sample);
    dob.data.dateOfBirth = '1992-08-14T00:00:00.000Z';
    expect(expectInvalid(parseEvent(dob)).path).toBe('data.dateOfBirth');
    const createdAt = copy(userCreatedV1Sample);
    createdAt.data.createdAt = '2026-05-02';
    expect(expectInvalid(parseEvent(createdAt)).path).toBe('data.createdAt');
  });

  it('rejects impossible dates', () => {
    const input = copy(workerOnboardedV1Sample);
    input.data.contracts[0].contractEndDate = '2027-02-29';
    expect(expectInvalid(parseEvent(input)).path).toBe('data.contracts[0].contractEndDate');
  });

  it('checks every ID against its @listo/ids prefix', () => {
    const cases: [string, (event: Mutable) => void][] = [
      ['data.clientId', (e) => (e.data.clientId = 'lglsowpr_uZIIHfKqYBwyaRGGs')],
      ['data.workerProfileId', (e) => (e.data.workerProfileId = 'lglsowpr_uYZRk9GHTcCqMpL4n')],
      ['data.organizationUnit.id', (e) => (e.data.organizationUnit.id = 'lglsoorgl_uVwPa92qXz')],
      ['data.organizationLocation.id', (e) => (e.data.organizationLocation.id = 'lglsoorgu_uTpQa83jYx')],
      ['data.contracts[0].id', (e) => (e.data.contracts[0].id = 'LGLSOCTC_uXYZ')],
      ['data.contracts[0].managerId', (e) => (e.data.contracts[0].managerId = 'lglsousr_')],
      ['entity.id', (e) => (e.entity.id = 'lglsocli_uZIIQiu8Q5zhUXgbR')],
    ];
    for (const [path, mutate] of cases) {
      const input = copy(workerOnboardedV1Sample);
      mutate(input);
      expect(expectInvalid(parseEvent(input)).path, path).toBe(path);
    }
    const badEventId = { ...copy(clientCreatedV1Sample), id: 'evt_123' };
    const error = expectInvalid(parseEvent(badEventId));
    expect(error.path).toBe('id');
    expect(error.message).toContain('expected a Listo event ID (lglsoevt_');
  });

  it("rejects an entity.type that is not the event's", () => {
    const input = copy(clientCreatedV1Sample);
    input.entity.type = 'user';
    expect(expectInvalid(parseEvent(input)).path).toBe('entity.type');
  });

  it('rejects a missing documented field, and a documented object that is not nullable set to null', () => {
    const missing = copy(clientCreatedV1Sample);
    delete missing.data.address.zoneCode;
    expect(expectInvalid(parseEvent(missing)).path).toBe('data.address.zoneCode');
    const nullAddress = copy(clientCreatedV1Sample);
    nullAddress.data.address = null;
    expect(expectInvalid(parseEvent(nullAddress)).path).toBe('data.address');
  });

  it('reports the envelope first: a bad envelope is invalid even for an unknown type', () => {
    const input = { ...copy(clientCreatedV1Sample), type: 'client.archived', occurredAt: 'yesterday' };
    const error = expectInvalid(parseEvent(input));
    expect(error.path).toBe('occurredAt');
    expect(error.type).toBe('client.archived');
  });

  it('rejects non-integer or non-positive versions', () => {
    for (const dataVersion of [0, -1, 1.5, '1', null]) {
      expect(expectInvalid(parseEvent({ ...copy(clientCreatedV1Sample), dataVersion })).path).toBe(
        'dataVersion',
      );
    }
  });

  it('lists several issues and counts them all', () => {
    const input = copy(workerOnboardedV1Sample);
    input.data.email = 7;
    input.data.phone = 8;
    const error = expectInvalid(parseEvent(input));
    expect(error.issues.map((issue) => issue.path)).toEqual(['data.email', 'data.phone']);
    expect(error.issueCount).toBe(2);
    expect(error.message).toContain('and 1 more issue');
  });

  it('writes paths as property accesses, quoting keys that are not identifiers', () => {
    expect(formatPath(['data', 'contracts', 0, 'startDate'])).toBe('data.contracts[0].startDate');
    expect(formatPath(['data', 'odd key', 'x-y', 2])).toBe('data["odd key"]["x-y"][2]');
    expect(formatPath([])).toBe('');
  });

  it('never echoes the offending value in the message (it may be personal data)', () => {
    const input = copy(userCreatedV1Sample);
    input.data.createdAt = 'kalin.sasaki@example.com';
    expect(expectInvalid(parseEvent(input)).message).not.toContain('kalin');
  });

  it('tells a caller who passes the raw body string to parse it first', () => {
    expect(expectInvalid(parseEvent(JSON.stringify(clientCreatedV1Sample))).message).toMatch(
      /parsed JSON body/,
    );
  });
});

describe('data.links.self follows the template of its entity', () => {
  it('accepts the links of the samples and of made-up events', () => {
    for (const sample of SAMPLE_EVENTS) expect(parseEvent(copy(sample)).kind).toBe('known');
  });

  it.each([
    ['client.created', clientCreatedV1Sample, userCreatedV1Sample.data.links.self],
    ['user.created', userCreatedV1Sample, clientCreatedV1Sample.data.links.self],
    ['worker.onboarded', workerOnboardedV1Sample, clientCreatedV1Sample.data.links.self],
  ] as const)('rejects a %s link of another template', (_, sample, otherLink) => {
    const input = copy(sample);
    input.data.links.self = otherLink;
    const error = expectInvalid(parseEvent(input));
    expect(error.path).toBe('data.links.self');
    expect(error.message).toContain('links.self path');
  });

  it('rejects absolute, protocol-relative, encoded and traversing paths', () => {
    const self = workerOnboardedV1Sample.data.links.self;
    for (const link of [
      `https://gateway.listoglobal.com${self}`,
      `//evil.example${self}`,
      self.replace('/workers/', '/workers/../'),
      self.replace('inst_', 'inst%5F'),
      `${self}?x=1`,
      '',
    ]) {
      const input = copy(workerOnboardedV1Sample);
      input.data.links.self = link;
      expect(expectInvalid(parseEvent(input)).path, link).toBe('data.links.self');
    }
  });

  it('requires links on the documented events and on worker.updated, and not on worker.contract.updated (INFERRED)', () => {
    for (const sample of [
      clientCreatedV1Sample,
      userCreatedV1Sample,
      workerOnboardedV1Sample,
      workerUpdatedV1Sample,
    ]) {
      const input = copy(sample);
      delete input.data.links;
      expect(expectInvalid(parseEvent(input)).path).toBe('data.links');
    }
    const contract = copy(makeEvent('worker.contract.updated', 1));
    delete contract.data.links;
    expect(parseEvent(contract).kind).toBe('known');
    contract.data.links = { self: clientCreatedV1Sample.data.links.self };
    expect(expectInvalid(parseEvent(contract)).path).toBe('data.links.self');
  });
});

describe('parseEvent never throws', () => {
  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [clientCreatedV1Sample]],
    ['an empty object', {}],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a bigint', 10n],
  ])('returns invalid for %s', (_, input) => {
    expectInvalid(parseEvent(input));
  });

  it('survives deeply nested unknown data, in known and unknown events', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    const known = { ...copy(clientCreatedV1Sample), data: { ...copy(clientCreatedV1Sample).data, deep } };
    expect(parseEvent(known).kind).toBe('known');
    expect(parseEvent({ ...known, type: 'x.y' }).kind).toBe('unknown');
    const deepInDocumentedField = copy(clientCreatedV1Sample);
    deepInDocumentedField.data.address = deep;
    expect(expectInvalid(parseEvent(deepInDocumentedField)).path).toMatch(/^data\.address\./);
  });

  it('survives huge arrays, valid and invalid, and bounds the issues it keeps', () => {
    const input = copy(workerOnboardedV1Sample);
    input.data.contracts = Array.from({ length: 20_000 }, () => input.data.contracts[0]);
    expect(parseEvent(input).kind).toBe('known');
    input.data.contracts = Array.from({ length: 20_000 }, () => ({ bad: true }));
    const error = expectInvalid(parseEvent(input));
    expect(error.issues).toHaveLength(20);
    expect(error.issueCount).toBe(20);
    expect(error.truncated).toBe(true);
    expect(error.message.length).toBeLessThan(500);
  });

  it('drops __proto__ keys instead of letting them change a prototype, and pollutes nothing', () => {
    const body = JSON.stringify(clientCreatedV1Sample)
      .replace('{"clientId"', '{"__proto__":{"polluted":true},"clientId"')
      .replace('{"id"', '{"__proto__":{"polluted":true},"id"');
    const input = JSON.parse(body);
    expect(Object.hasOwn(input.data, '__proto__')).toBe(true);
    const result = parseEvent(input);
    expect(result.kind).toBe('known');
    if (result.kind !== 'known') return;
    for (const object of [result.event, result.event.data]) {
      expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
      expect(Object.hasOwn(object, '__proto__')).toBe(false);
      expect((object as { polluted?: unknown }).polluted).toBeUndefined();
    }
    expect(({} as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('treats prototype-named types as unknown, not as a lookup into Object.prototype', () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(parseEvent({ ...copy(clientCreatedV1Sample), type }).kind).toBe('unknown');
    }
  });

  it('returns invalid when reading the input throws (getters, revoked proxies)', () => {
    const throwing = copy(clientCreatedV1Sample);
    Object.defineProperty(throwing.data, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(expectInvalid(parseEvent(throwing)).issues[0]!.code).toBe('unreadable_input');
    const { proxy, revoke } = Proxy.revocable(copy(clientCreatedV1Sample), {});
    revoke();
    expect(expectInvalid(parseEvent(proxy)).issues[0]!.code).toBe('unreadable_input');
  });

  it('never throws on arbitrary JSON values, or on arbitrary changes to a valid event', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(['known', 'unknown', 'invalid']).toContain(parseEvent(value).kind);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...SAMPLE_EVENTS),
        fc.constantFrom('id', 'type', 'specVersion', 'dataVersion', 'occurredAt', 'entity', 'data'),
        fc.jsonValue(),
        (sample, key, value) => {
          const kind = parseEvent({ ...copy(sample), [key]: value }).kind;
          expect(['known', 'unknown', 'invalid']).toContain(kind);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('makeEvent output', () => {
  it('parses as known for a representative event', () => {
    expect(parseEvent(makeEvent('worker.onboarded', 1)).kind).toBe('known');
  });
});
