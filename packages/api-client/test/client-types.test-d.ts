import type { EventOf, ListoEvent } from '@listo/events';
import type {
  ClientId,
  ClientLink,
  InstanceIntegrationId,
  UserId,
  UserLink,
  WorkerId,
  WorkerLink,
} from '@listo/ids';
import { describe, expectTypeOf, it } from 'vitest';
import {
  type Client,
  type components,
  createListoClient,
  type Installation,
  type JobTitle,
  type LinkedResource,
  type LinkTarget,
  ListoApiError,
  type ListoApiErrorOf,
  type ListoApiErrorStatus,
  type ListoRetryEvent,
  type OrganizationStructure,
  type RedirectStatus,
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

  it('gives each list method an async iterator of the same items', () => {
    expectTypeOf(api.installations.iterate()).toEqualTypeOf<AsyncIterableIterator<Installation>>();
    expectTypeOf(api.clients.iterate(iid)).toEqualTypeOf<AsyncIterableIterator<Client>>();
    expectTypeOf(api.users.iterate(iid, cid)).toEqualTypeOf<AsyncIterableIterator<User>>();
    expectTypeOf(api.jobTitles.iterate(iid, cid)).toEqualTypeOf<AsyncIterableIterator<JobTitle>>();
    expectTypeOf(api.workers.iterate(iid, cid, { signal: AbortSignal.timeout(1) })).toEqualTypeOf<
      AsyncIterableIterator<WorkerV2>
    >();
    // @ts-expect-error single resources have no iterator
    api.organizationStructure.iterate;
    // @ts-expect-error same parameters as list
    api.users.iterate(iid);
  });

  it('takes a per-call AbortSignal', () => {
    api.installations.list({ signal: AbortSignal.timeout(1000) });
    api.workers.get(iid, cid, wid, { signal: new AbortController().signal });
  });
});

describe('resource types', () => {
  it('are closed: a misspelt field does not compile', (): void => {
    const check = (client: Client, user: User, jobTitle: JobTitle, structure: OrganizationStructure) => {
      // @ts-expect-error no such field
      client.nmae;
      // @ts-expect-error no such field
      user.emial;
      // @ts-expect-error no such field
      jobTitle.title;
      // @ts-expect-error no such field
      structure.units;
      return [client.name, user.email, jobTitle.name, structure.organizationUnits] as const;
    };
    expectTypeOf(check).returns.toEqualTypeOf<
      readonly [string, string, string | undefined, OrganizationStructure['organizationUnits']]
    >();
  });

  it('have no index signature', () => {
    for (const _ of [] as (keyof Client | keyof User | keyof JobTitle | keyof OrganizationStructure)[]) {
      expectTypeOf(_).not.toEqualTypeOf<string>();
    }
    expectTypeOf<keyof Client>().toEqualTypeOf<'clientId' | 'name' | 'address' | 'links'>();
    expectTypeOf<keyof JobTitle>().toEqualTypeOf<'id' | 'name'>();
    expectTypeOf<keyof OrganizationStructure>().toEqualTypeOf<
      'organizationUnits' | 'organizationLocations'
    >();
  });
});

describe('ListoApiError', () => {
  it('types statusCode by kind', () => {
    expectTypeOf<ListoApiError['statusCode']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListoApiErrorOf<'network'>['statusCode']>().toEqualTypeOf<undefined>();
    expectTypeOf<ListoApiErrorOf<'timeout'>['statusCode']>().toEqualTypeOf<undefined>();
    expectTypeOf<ListoApiErrorOf<'http'>['statusCode']>().toEqualTypeOf<number>();
    expectTypeOf<ListoApiErrorStatus<'redirect'>>().toEqualTypeOf<301 | 302 | 303 | 307 | 308 | undefined>();
    expectTypeOf<NonNullable<ListoRetryEvent['error']>['statusCode']>().toEqualTypeOf<undefined>();
  });

  it('narrows to the default kind union with instanceof', () => {
    const check = (error: unknown) => {
      if (error instanceof ListoApiError) {
        expectTypeOf(error.kind).toEqualTypeOf<
          'http' | 'network' | 'timeout' | 'redirect' | 'too-large' | 'invalid-response'
        >();
        expectTypeOf(error.statusCode).toEqualTypeOf<number | undefined>();
        expectTypeOf(error).toExtend<Error>();
        if (error.kind === 'http') expectTypeOf(error.statusCode).toEqualTypeOf<number>();
        if (error.kind === 'timeout') expectTypeOf(error.statusCode).toEqualTypeOf<undefined>();
        if (error.kind === 'redirect')
          expectTypeOf(error.statusCode).toEqualTypeOf<RedirectStatus | undefined>();
      }
    };
    check(undefined);
  });

  it('discriminates its JSON form by kind', () => {
    const json = new ListoApiError({
      kind: 'network',
      statusCode: undefined,
      message: 'm',
      method: 'GET',
      path: '/',
      attempts: 1,
    }).toJSON();
    expectTypeOf(json.statusCode).toEqualTypeOf<undefined>();
    new ListoApiError({
      kind: 'network',
      // @ts-expect-error a network error has no status
      statusCode: 500,
      message: 'm',
      method: 'GET',
      path: '/',
      attempts: 1,
    });
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

  it('gives the resource of each @listo/ids link type', () => {
    const links = { client: '' as ClientLink, user: '' as UserLink, worker: '' as WorkerLink };
    expectTypeOf(api.follow(links.client)).resolves.toEqualTypeOf<Client>();
    expectTypeOf(api.follow(links.user)).resolves.toEqualTypeOf<User>();
    expectTypeOf(api.follow(links.worker)).resolves.toEqualTypeOf<WorkerV2>();
    // An event typed with its template, as @listo/events types `links.self`: no cast needed.
    const event = { data: { links: { self: links.worker } } };
    expectTypeOf(api.follow(event.data.links.self)).resolves.toEqualTypeOf<WorkerV2>();
    expectTypeOf<LinkTarget<ClientLink | WorkerLink>>().toEqualTypeOf<Client | WorkerV2>();
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

describe('follow() across packages', () => {
  it("returns the exact resource of each @listo/events event's links.self, with no cast", () => {
    const check = (event: ListoEvent) => {
      switch (event.type) {
        case 'client.created':
          expectTypeOf(api.follow(event.data.links.self)).resolves.toEqualTypeOf<Client>();
          break;
        case 'user.created':
          expectTypeOf(api.follow(event.data.links.self)).resolves.toEqualTypeOf<User>();
          break;
        default: {
          // every worker.* event; worker.contract.updated's links are optional (inferred in @listo/events)
          const link = event.data.links?.self;
          if (link) expectTypeOf(api.follow(link)).resolves.toEqualTypeOf<WorkerV2>();
        }
      }
      // The union of every event gives the union of their resources.
      const link = event.data.links?.self;
      if (link) expectTypeOf(api.follow(link)).resolves.toEqualTypeOf<LinkedResource>();
    };
    expectTypeOf(check).toBeFunction();
  });

  it('returns the resource of its own links.self for each REST resource', () => {
    const check = (client: Client, user: User, worker: WorkerV2) => {
      expectTypeOf(api.follow(client.links.self)).resolves.toEqualTypeOf<Client>();
      expectTypeOf(api.follow(user.links.self)).resolves.toEqualTypeOf<User>();
      expectTypeOf(api.follow(worker.links.self)).resolves.toEqualTypeOf<WorkerV2>();
    };
    expectTypeOf(check).toBeFunction();
  });
});

describe('WorkerV2 and @listo/events', () => {
  it('agrees with worker.onboarded v1 data less its routing fields, so the packages cannot drift', () => {
    expectTypeOf<WorkerV2>().toEqualTypeOf<Omit<WorkerOnboardedData, 'clientId' | 'workerProfileId'>>();
    expectTypeOf<WorkerV2['links']['self']>().toEqualTypeOf<WorkerLink>();
  });

  it('shares the WorkerContract shape of the event contracts', () => {
    expectTypeOf<WorkerContract>().toEqualTypeOf<WorkerOnboardedData['contracts'][number]>();
  });
});
