import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  clientLink,
  generateId,
  ID_PREFIXES,
  ID_SUFFIX_SOURCE,
  InvalidIdError,
  idPattern,
  isId,
  isLink,
  LINK_PATTERNS,
  parseLink,
  userLink,
  workerLink,
} from '../src/index';

const iid = 'inst_abc123xyz';
const clientId = 'lglsocli_uZIIHfKqYBwyaRGGs';
const userId = 'lglsousr_uXYZxLtq9ABvCdEf2';
const workerId = 'lglsowpr_uZIIQiu8Q5zhUXgbR';

describe('links.self templates', () => {
  it("build exactly the paths of the guides' samples", () => {
    expect(clientLink(iid, clientId)).toBe(
      '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs',
    );
    expect(userLink(iid, clientId, userId)).toBe(
      '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/users/lglsousr_uXYZxLtq9ABvCdEf2',
    );
    expect(workerLink(iid, clientId, workerId)).toBe(
      '/v2/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/workers/lglsowpr_uZIIQiu8Q5zhUXgbR',
    );
  });

  it('refuse to build a link from an ID that is not valid, so no path can be smuggled in', () => {
    expect(() => clientLink(iid, 'lglsocli_x/../../admin' as never)).toThrow(InvalidIdError);
    expect(() => workerLink('inst_a', clientId, 'lglsocli_x' as never)).toThrow(InvalidIdError);
  });

  it('parse each link back into its IDs and kind', () => {
    expect(parseLink(clientLink(iid, clientId))).toEqual({
      kind: 'client',
      instanceIntegrationId: iid,
      clientId,
    });
    expect(parseLink(userLink(iid, clientId, userId))).toEqual({
      kind: 'user',
      instanceIntegrationId: iid,
      clientId,
      userId,
    });
    expect(parseLink(workerLink(iid, clientId, workerId))).toEqual({
      kind: 'worker',
      instanceIntegrationId: iid,
      clientId,
      workerId,
    });
  });

  it.each([
    ['an absolute URL', `https://evil.example/v1/instance-integrations/${iid}/clients/${clientId}`],
    ['a protocol-relative path', `//evil.example/v1/instance-integrations/${iid}/clients/${clientId}`],
    ['a traversing path', `/v1/instance-integrations/${iid}/clients/${clientId}/../../x`],
    ['an encoded slash', `/v1/instance-integrations/${iid}/clients/lglsocli_a%2Fb`],
    ['a query string', `/v1/instance-integrations/${iid}/clients/${clientId}?x=1`],
    ['a worker on the v1 path', `/v1/instance-integrations/${iid}/clients/${clientId}/workers/${workerId}`],
    ['a client ID where the installation goes', `/v1/instance-integrations/${clientId}/clients/${clientId}`],
    ['a trailing slash', `${clientLink(iid, clientId)}/`],
    ['a non-string', 42],
  ])('do not parse %s', (_, value) => {
    expect(parseLink(value)).toBeUndefined();
    expect(isLink('client', value) || isLink('user', value) || isLink('worker', value)).toBe(false);
  });

  it('are disjoint: every generated link follows exactly one template', () => {
    fc.assert(
      fc.property(fc.constantFrom('client', 'user', 'worker'), (kind) => {
        const i = generateId('installation');
        const c = generateId('client');
        const link =
          kind === 'client'
            ? clientLink(i, c)
            : kind === 'user'
              ? userLink(i, c, generateId('user'))
              : workerLink(i, c, generateId('worker'));
        expect(parseLink(link)?.kind).toBe(kind);
        expect((['client', 'user', 'worker'] as const).filter((k) => isLink(k, link))).toEqual([kind]);
      }),
    );
  });

  it('expose their patterns as frozen source text that anyone can compile', () => {
    expect(Object.isFrozen(LINK_PATTERNS)).toBe(true);
    expect(new RegExp(LINK_PATTERNS.worker).test(workerLink(iid, clientId, workerId))).toBe(true);
  });

  it('never throw on an unknown kind', () => {
    expect(isLink('toString' as never, clientLink(iid, clientId))).toBe(false);
  });
});

describe('the ID-suffix rule', () => {
  it('is the same rule isId applies, for every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(ID_PREFIXES) as (keyof typeof ID_PREFIXES)[])),
        fc.string(),
        (kind, suffix) => {
          const value = `${ID_PREFIXES[kind]}${suffix}`;
          expect(new RegExp(idPattern(kind)).test(value)).toBe(isId(kind, value));
          expect(new RegExp(`^${ID_SUFFIX_SOURCE}$`).test(suffix)).toBe(isId(kind, value));
        },
      ),
    );
  });
});
