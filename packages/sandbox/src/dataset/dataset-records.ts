import type { InstanceIntegrationId, WorkerProfileId } from '@listo/ids';
import type { Address, Client, ContractStatus, Dataset, OrganizationUnit, User, Worker } from './dataset';
import type { Faker } from './faker';

/** The fields a new client may be given; the rest is generated. */
export interface NewClient {
  name?: string;
  address?: Partial<Address>;
}

export function addClient(
  dataset: Dataset,
  faker: Faker,
  installationId: InstanceIntegrationId,
  input: NewClient,
): Client {
  const { random } = faker;
  const client: Client = {
    id: random.id('client'),
    installationId,
    name: input.name ?? faker.companyName(),
    address: { ...faker.address(), ...input.address },
    createdAt: faker.pastInstant(365),
  };
  dataset.clients.push(client);

  const titles = faker.jobTitles(5);
  for (const name of titles)
    dataset.jobTitles.push({ id: `jt_${random.token(12)}`, clientId: client.id, name });

  const units = faker.unitNames(3);
  const root: OrganizationUnit = {
    id: random.id('organizationUnit'),
    clientId: client.id,
    name: client.name,
    parentId: null,
  };
  dataset.organizationUnits.push(root);
  for (const name of units) {
    dataset.organizationUnits.push({
      id: random.id('organizationUnit'),
      clientId: client.id,
      name,
      parentId: root.id,
    });
  }
  for (let l = 0; l < 2; l++) {
    const address = faker.address();
    dataset.organizationLocations.push({
      id: random.id('organizationLocation'),
      clientId: client.id,
      name: `${address.city} ${l === 0 ? 'HQ' : 'Office'}`,
      address,
    });
  }
  return client;
}

/** The fields a new dashboard user may be given; the rest is generated. */
export interface NewUser {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
}

export function addUser(dataset: Dataset, faker: Faker, client: Client, input: NewUser): User {
  const person = faker.person();
  const firstName = input.firstName === undefined ? person.firstName : input.firstName;
  const lastName = input.lastName === undefined ? person.lastName : input.lastName;
  const user: User = {
    id: faker.random.id('user'),
    installationId: client.installationId,
    clientId: client.id,
    email: (
      input.email ?? faker.email(firstName ?? 'user', lastName ?? 'listo', 'example.com')
    ).toLowerCase(),
    firstName,
    lastName,
    fullName: joinName(firstName, lastName),
    createdAt: faker.pastInstant(300),
  };
  dataset.users.push(user);
  return user;
}

/** The fields a new worker may be given; the rest is generated. */
export interface NewWorker {
  email?: string;
  firstName?: string | null;
  lastName?: string | null;
  phone?: string | null;
  dateOfBirth?: string | null;
  address?: Partial<Address>;
  jobTitle?: string;
  engagementType?: string;
  startDate?: string;
  workerProfileId?: WorkerProfileId;
  /** The status of the worker's first contract; `EXECUTED` (the default) means onboarded. */
  status?: ContractStatus;
}

export function addWorker(dataset: Dataset, faker: Faker, client: Client, input: NewWorker): Worker {
  const { random } = faker;
  const person = faker.person();
  const firstName = input.firstName === undefined ? person.firstName : input.firstName;
  const lastName = input.lastName === undefined ? person.lastName : input.lastName;
  const fullName = joinName(firstName, lastName);
  const units = dataset.organizationUnits.filter((unit) => unit.clientId === client.id && unit.parentId);
  const locations = dataset.organizationLocations.filter((location) => location.clientId === client.id);
  const managers = dataset.users.filter((user) => user.clientId === client.id);
  const address = { ...faker.address(), ...input.address };
  const jobTitle = input.jobTitle ?? faker.jobTitle();
  const worker: Worker = {
    id: random.id('worker'),
    installationId: client.installationId,
    clientId: client.id,
    workerProfileId: input.workerProfileId ?? random.id('workerProfile'),
    email: (
      input.email ?? faker.email(firstName ?? 'worker', lastName ?? 'listo', 'example.org')
    ).toLowerCase(),
    firstName,
    lastName,
    fullName,
    phone: input.phone === undefined ? faker.phone() : input.phone,
    dateOfBirth: input.dateOfBirth === undefined ? faker.date(-16_000, -7_000) : input.dateOfBirth,
    address,
    organizationUnitId: units.length > 0 ? random.pick(units).id : null,
    organizationLocationId: locations.length > 0 ? random.pick(locations).id : null,
    contracts: [],
  };
  worker.contracts.push({
    id: random.id('contract'),
    clientId: client.id,
    name: `${fullName ?? worker.email} — ${jobTitle}`,
    status: input.status ?? 'EXECUTED',
    billingFrequency: faker.billingFrequency(),
    isoCountryCode: address.isoCountryCode ?? 'US',
    jobTitle,
    startDate: input.startDate ?? faker.date(-200, 60),
    contractEndDate: null,
    createdAt: faker.pastInstant(400),
    engagementType: input.engagementType ?? faker.engagementType(),
    managerId: managers.length > 0 ? random.pick(managers).id : null,
  });
  dataset.workers.push(worker);
  return worker;
}

export function joinName(firstName: string | null, lastName: string | null): string | null {
  const parts = [firstName, lastName].filter((part): part is string => Boolean(part));
  return parts.length > 0 ? parts.join(' ') : null;
}
