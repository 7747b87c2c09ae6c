import { describe, expectTypeOf, it } from 'vitest';
import {
  assertId,
  type ClientId,
  type ClientLink,
  clientLink,
  type Id,
  type IdKind,
  type InstanceIntegrationId,
  idKind,
  isId,
  isLink,
  type OrganizationLocationId,
  type OrganizationUnitId,
  type ParsedLink,
  parseLink,
  type UserLink,
  userLink,
  type WorkerId,
  type WorkerLink,
  workerLink,
} from '../src/index';

describe('ID template types', () => {
  it('types a literal with the client prefix as a ClientId', () => {
    expectTypeOf<'lglsocli_x'>().toExtend<ClientId>();
    const id: ClientId = 'lglsocli_x';
    expectTypeOf(id).toEqualTypeOf<`lglsocli_${string}`>();
  });

  it('does not accept a plain string or another kind as a ClientId', () => {
    expectTypeOf<string>().not.toExtend<ClientId>();
    expectTypeOf<WorkerId>().not.toExtend<ClientId>();
    // @ts-expect-error a plain string is not a ClientId
    const fromString: ClientId = 'abc' as string;
    // @ts-expect-error a WorkerId is not a ClientId
    const fromWorker: ClientId = 'lglsowpr_x' as WorkerId;
    void fromString;
    void fromWorker;
  });

  it('keeps organization units and locations apart', () => {
    expectTypeOf<OrganizationUnitId>().not.toExtend<OrganizationLocationId>();
    expectTypeOf<OrganizationLocationId>().not.toExtend<OrganizationUnitId>();
  });

  it('maps each kind to its prefix', () => {
    expectTypeOf<Id<'installation'>>().toEqualTypeOf<InstanceIntegrationId>();
    expectTypeOf<Id<'installation'>>().toEqualTypeOf<`inst_${string}`>();
  });
});

describe('guards', () => {
  it('narrows unknown values with isId', () => {
    const value: unknown = 'lglsowpr_abc';
    if (isId('worker', value)) expectTypeOf(value).toEqualTypeOf<WorkerId>();
  });

  it('returns the template type from assertId and the kind union from idKind', () => {
    expectTypeOf(assertId('client', 'x')).toEqualTypeOf<ClientId>();
    expectTypeOf(idKind('x')).toEqualTypeOf<IdKind | undefined>();
  });

  it('rejects kinds that do not exist', () => {
    // @ts-expect-error 'company' is not an IdKind
    isId('company', 'x');
  });
});

describe('links.self template types', () => {
  it('type each builder by the template it follows', () => {
    expectTypeOf(clientLink).returns.toEqualTypeOf<ClientLink>();
    expectTypeOf(userLink).returns.toEqualTypeOf<UserLink>();
    expectTypeOf(workerLink).returns.toEqualTypeOf<WorkerLink>();
    expectTypeOf(parseLink).returns.toEqualTypeOf<ParsedLink | undefined>();
  });

  it('accepts a literal path with the right prefixes and refuses another shape', () => {
    const worker: WorkerLink = '/v2/instance-integrations/inst_a/clients/lglsocli_b/workers/lglsowpr_c';
    // @ts-expect-error a worker lives under /v2, not /v1
    const wrong: WorkerLink = '/v1/instance-integrations/inst_a/clients/lglsocli_b/workers/lglsowpr_c';
    void worker;
    void wrong;
  });

  it('narrows with isLink', () => {
    const value: unknown = '/v1/instance-integrations/inst_a/clients/lglsocli_b';
    if (isLink('client', value)) expectTypeOf(value).toEqualTypeOf<ClientLink>();
  });
});
