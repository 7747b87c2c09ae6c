import type { EventOf } from '@listo/events';
import type { ClientId, InstanceIntegrationId, UserId, WorkerId } from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Client,
  type components,
  createListoClient,
  type Installation,
  type JobTitle,
  type LinkedResource,
  type LinkTarget,
  type OrganizationStructure,
  type User,
  type WorkerContract,
  type WorkerLookup,
  type WorkerV2,
} from '../src/index';

const api = createListoClient({ apiKey: 'k' });
const iid = 'inst_abc123xyz' as InstanceIntegrationId;
const cid = 'lglsocli_uZIIHfKqYBwyaRGGs' as ClientId;
const uid = 'lglsousr_uXYZxLtq9ABvCdEf2' as UserId;
const wid = 'lglsowpr_uZIIQiu8Q5zhUXgbR' as WorkerId;

describe('method results', () => {
  it('types each resource from the OpenAPI document', () => {
    expectTypeOf(api.installations.list()).resolves.toEqualTypeOf<Installation[]>();
    expectTypeOf(api.clients.list(iid)).resolves.toEqualTypeOf<Client[]>();
    expectTypeOf(api.clients.get(iid, cid)).resolves.toEqualTypeOf<Client>();
    expectTypeOf(api.users.list(iid, cid)).resolves.toEqualTypeOf<User[]>();
    expectTypeOf(api.users.get(iid, cid, uid)).resolves.toEqualTypeOf<User>();
    expectTypeOf(api.jobTitles.list(iid, cid)).resolves.toEqualTypeOf<JobTitle[]>();
    expectTypeOf(api.organizationStructure.get(iid, cid)).resolves.toEqualTypeOf<OrganizationStructure>();
    expectTypeOf(api.workers.list(iid, cid)).resolves.toEqualTypeOf<WorkerV2[]>();
    expectTypeOf(api.workers.get(iid, cid, wid)).resolves.toEqualTypeOf<WorkerV2>();
    expectTypeOf(api.workers.lookup(iid, wid)).resolves.toEqualTypeOf<WorkerLookup>();
    expectTypeOf<WorkerLookup>().toExtend<WorkerV2>();
    expectTypeOf<WorkerLookup['clientId']>().toEqualTypeOf<ClientId>();
  });

  it('is the component schema of the document', () => {
    expectTypeOf<WorkerV2>().toEqualTypeOf<components['schemas']['WorkerV2']>();
    expectTypeOf<Installation['id']>().toEqualTypeOf<InstanceIntegrationId>();
    expectTypeOf<WorkerV2['workerId']>().toEqualTypeOf<WorkerId>();
    expectTypeOf<WorkerContract['managerId']>().toEqualTypeOf<UserId | null>();
  });

  it('takes the ID template types of @listo/ids as parameters', () => {
    // @ts-expect-error a plain string is not an InstanceIntegrationId
    api.clients.list('abc' as string);
    // @ts-expect-error a worker ID is not a client ID
    api.clients.get(iid, wid);
    // @ts-expect-error the arguments are in path order: installation, client, user
    api.users.get(iid, uid, cid);
    api.clients.get('inst_x', 'lglsocli_y');
  });

  it('takes a per-call AbortSignal', () => {
    api.installations.list({ signal: AbortSignal.timeout(1000) });
    api.workers.get(iid, cid, wid, { signal: new AbortController().signal });
  });
});

describe('raw', () => {
  it('is the openapi-fetch client typed by the document', async () => {
    const { data, error } = await api.raw.GET(
      '/v1/instance-integrations/{instanceIntegrationId}/clients/{clientId}',
      { params: { path: { instanceIntegrationId: iid, clientId: cid } } },
    );
    expectTypeOf(data?.clientId).toEqualTypeOf<ClientId | undefined>();
    expectTypeOf(error).toEqualTypeOf<components['schemas']['Error'] | undefined>();
    // @ts-expect-error not a path of the document
    api.raw.GET('/v1/not-a-path');
  });
});

describe('follow', () => {
  it('gives the resource of the path template of a literal link', () => {
    expectTypeOf(
      api.follow(
        '/v2/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/workers/lglsowpr_uZIIQiu8Q5zhUXgbR',
      ),
    ).resolves.toEqualTypeOf<WorkerV2>();
    expectTypeOf(
      api.follow(
        '/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs/users/lglsousr_uXYZxLtq9ABvCdEf2',
      ),
    ).resolves.toEqualTypeOf<User>();
    expectTypeOf(
      api.follow('/v1/instance-integrations/inst_abc123xyz/clients/lglsocli_uZIIHfKqYBwyaRGGs'),
    ).resolves.toEqualTypeOf<Client>();
  });

  it('gives the union of every followable resource for a plain string, such as a parsed event link', () => {
    const link: string = '/v1/…';
    expectTypeOf(api.follow(link)).resolves.toEqualTypeOf<LinkedResource>();
    expectTypeOf<LinkedResource>().toEqualTypeOf<Client | User | WorkerV2>();
    expectTypeOf<
      LinkTarget<`/v2/instance-integrations/inst_${string}/clients/lglsocli_${string}/workers/lglsowpr_${string}`>
    >().toEqualTypeOf<WorkerV2>();
  });
});

type WorkerOnboardedData = EventOf<'worker.onboarded', 1>['data'];

describe('WorkerV2 and @listo/events', () => {
  it('agrees with worker.onboarded v1 data less its routing fields, so the packages cannot drift', () => {
    // links.self is typed WorkerLink in @listo/events (#13.3) and still `string` here until the client types it too.
    expectTypeOf<Omit<WorkerV2, 'links'>>().toEqualTypeOf<
      Omit<WorkerOnboardedData, 'clientId' | 'workerProfileId' | 'links'>
    >();
    expectTypeOf<WorkerOnboardedData['links']['self']>().toExtend<WorkerV2['links']['self']>();
  });

  it('shares the WorkerContract shape of the event contracts', () => {
    expectTypeOf<WorkerContract>().toEqualTypeOf<WorkerOnboardedData['contracts'][number]>();
  });
});
