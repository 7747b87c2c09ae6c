import type {
  ClientId,
  ContractId,
  InstanceIntegrationId,
  OrganizationLocationId,
  OrganizationUnitId,
  UserId,
  WorkerId,
  WorkerProfileId,
} from '@listo/ids';
import { SeededRandom } from './random';

/** A postal address as Listo sends it: every line may be null. */
export interface Address {
  address1: string | null;
  address2: string | null;
  city: string | null;
  isoCountryCode: string | null;
  postalCode: string | null;
  zoneCode: string | null;
}

export interface Installation {
  id: InstanceIntegrationId;
  instanceName: string;
  createdAt: string;
  updatedAt: string;
}

export interface Client {
  id: ClientId;
  installationId: InstanceIntegrationId;
  name: string;
  address: Address;
  createdAt: string;
}

export interface User {
  id: UserId;
  installationId: InstanceIntegrationId;
  clientId: ClientId;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  createdAt: string;
}

export interface JobTitle {
  id: string;
  clientId: ClientId;
  name: string;
}

export interface OrganizationUnit {
  id: OrganizationUnitId;
  clientId: ClientId;
  name: string;
  parentId: OrganizationUnitId | null;
}

export interface OrganizationLocation {
  id: OrganizationLocationId;
  clientId: ClientId;
  name: string;
  address: Address;
}

export type ContractStatus = 'DRAFT' | 'PENDING_SIGNATURE' | 'EXECUTED' | 'TERMINATED' | (string & {});

export interface Contract {
  id: ContractId;
  clientId: ClientId;
  name: string;
  status: ContractStatus;
  billingFrequency: string;
  isoCountryCode: string;
  jobTitle: string;
  startDate: string;
  contractEndDate: string | null;
  createdAt: string;
  engagementType: string;
  managerId: UserId | null;
}

export interface Worker {
  id: WorkerId;
  installationId: InstanceIntegrationId;
  clientId: ClientId;
  workerProfileId: WorkerProfileId;
  email: string;
  firstName: string | null;
  lastName: string | null;
  fullName: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  address: Address;
  organizationUnitId: OrganizationUnitId | null;
  organizationLocationId: OrganizationLocationId | null;
  contracts: Contract[];
}

/**
 * Everything the sandbox serves. Plain, mutable data: mutations change it in place and the REST API reads it
 * on every request, so what a test sees through the API is always the current state.
 */
export interface Dataset {
  seed: number;
  installations: Installation[];
  clients: Client[];
  users: User[];
  jobTitles: JobTitle[];
  organizationUnits: OrganizationUnit[];
  organizationLocations: OrganizationLocation[];
  workers: Worker[];
}

const FIRST_NAMES = [
  'Alex',
  'Kalin',
  'Maya',
  'Noah',
  'Priya',
  'Jonas',
  'Amara',
  'Luis',
  'Sofia',
  'Kenji',
  'Fatima',
  'Oliver',
  'Ines',
  'Tariq',
  'Hana',
  'Mateo',
  'Zoe',
  'Emeka',
  'Lea',
  'Ravi',
];
const LAST_NAMES = [
  'Kim',
  'Sasaki',
  'Okafor',
  'Schmidt',
  'Garcia',
  'Patel',
  'Novak',
  'Dubois',
  'Silva',
  'Haddad',
  'Jensen',
  'Moreau',
  'Ivanova',
  'Nakamura',
  'Costa',
  'Mensah',
  'Larsen',
  'Romero',
  'Chen',
  'Walsh',
];
const COMPANY_WORDS = [
  'Hudson',
  'Mraz',
  'Kessler',
  'Orbital',
  'Northwind',
  'Bluefin',
  'Acme',
  'Lumen',
  'Tidal',
];
const COMPANY_SUFFIXES = ['EOR', 'Contractors', 'Holdings', 'Labs', 'Group'];
const INSTANCE_NAMES = ['Acme Corp Production', 'Globex Staging', 'Initech Production', 'Umbrella EU'];
const PLACES = [
  { city: 'Springfield', isoCountryCode: 'US', zoneCode: 'OR', postalCode: '97402' },
  { city: 'Berlin', isoCountryCode: 'DE', zoneCode: null, postalCode: '10115' },
  { city: 'Lagos', isoCountryCode: 'NG', zoneCode: 'LA', postalCode: '100001' },
  { city: 'Lisbon', isoCountryCode: 'PT', zoneCode: null, postalCode: '1100-148' },
  { city: 'Toronto', isoCountryCode: 'CA', zoneCode: 'ON', postalCode: 'M5H 2N2' },
  { city: 'Mexico City', isoCountryCode: 'MX', zoneCode: 'CMX', postalCode: '06600' },
] as const;
const STREETS = [
  'Evergreen Terrace',
  'Emile Bypass',
  'Harbour Road',
  'Linden Allee',
  'Rua Augusta',
  'King St W',
];
const JOB_TITLES = [
  'Software Engineer',
  'Senior Engineer',
  'Product Manager',
  'Designer',
  'Data Analyst',
  'Account Executive',
  'Support Specialist',
  'Engineering Manager',
  'Recruiter',
  'Accountant',
];
const UNIT_NAMES = ['Engineering', 'Sales', 'Operations', 'Finance', 'People', 'Marketing'];
const BILLING_FREQUENCIES = ['MONTHLY', 'BIWEEKLY'];
const ENGAGEMENT_TYPES = ['EOR', 'CONTRACTOR'];

/** Every generated timestamp is an offset from this instant, so a seed always gives the same dataset. */
const EPOCH = Date.UTC(2026, 0, 1);
const DAY_MS = 86_400_000;

/** Generators shared by the dataset and the mutations, drawing from one seeded stream. */
export class Faker {
  constructor(readonly random: SeededRandom) {}

  /** An ISO timestamp `0..maxDays` days before 2026-01-01, to the millisecond. */
  pastInstant(maxDays: number): string {
    return new Date(EPOCH - this.random.int(0, maxDays * DAY_MS)).toISOString();
  }

  date(fromDays: number, toDays: number): string {
    return new Date(EPOCH + this.random.int(fromDays, toDays) * DAY_MS).toISOString().slice(0, 10);
  }

  person(): { firstName: string; lastName: string; fullName: string } {
    const firstName = this.random.pick(FIRST_NAMES);
    const lastName = this.random.pick(LAST_NAMES);
    return { firstName, lastName, fullName: `${firstName} ${lastName}` };
  }

  email(firstName: string, lastName: string, domain: string): string {
    return `${firstName}.${lastName}${this.random.int(1, 999)}@${domain}`.toLowerCase();
  }

  companyName(): string {
    const a = this.random.pick(COMPANY_WORDS);
    const b = this.random.pick(COMPANY_WORDS.filter((word) => word !== a));
    return `${a} - ${b} - ${this.random.pick(COMPANY_SUFFIXES)}`;
  }

  address(): Address {
    const place = this.random.pick(PLACES);
    return {
      address1: `${this.random.int(1, 999)} ${this.random.pick(STREETS)}`,
      address2: this.random.next() < 0.3 ? `Suite ${this.random.int(100, 900)}` : null,
      city: place.city,
      isoCountryCode: place.isoCountryCode,
      postalCode: place.postalCode,
      zoneCode: place.zoneCode,
    };
  }

  phone(): string {
    return `+1202555${String(this.random.int(0, 9999)).padStart(4, '0')}`;
  }

  jobTitle(): string {
    return this.random.pick(JOB_TITLES);
  }

  billingFrequency(): string {
    return this.random.pick(BILLING_FREQUENCIES);
  }

  engagementType(): string {
    return this.random.pick(ENGAGEMENT_TYPES);
  }
}

export interface DatasetShape {
  installations: number;
  clientsPerInstallation: number;
  usersPerClient: number;
  workersPerClient: number;
}

const DEFAULT_SHAPE: DatasetShape = {
  installations: 2,
  clientsPerInstallation: 2,
  usersPerClient: 3,
  workersPerClient: 4,
};

/**
 * Builds the dataset for `seed`: the same seed always gives the same IDs, names and dates. Returns the
 * generator too, so later mutations keep drawing from the same seeded stream.
 */
export function generateDataset(
  seed: number,
  shape: Partial<DatasetShape> = {},
): { dataset: Dataset; faker: Faker } {
  const { installations, clientsPerInstallation, usersPerClient, workersPerClient } = {
    ...DEFAULT_SHAPE,
    ...shape,
  };
  const faker = new Faker(new SeededRandom(seed));
  const { random } = faker;
  const dataset: Dataset = {
    seed,
    installations: [],
    clients: [],
    users: [],
    jobTitles: [],
    organizationUnits: [],
    organizationLocations: [],
    workers: [],
  };

  for (let i = 0; i < installations; i++) {
    const createdAt = faker.pastInstant(720);
    const installation: Installation = {
      id: random.id('installation'),
      instanceName: INSTANCE_NAMES[i % INSTANCE_NAMES.length] as string,
      createdAt,
      updatedAt: new Date(Date.parse(createdAt) + random.int(0, 30) * DAY_MS).toISOString(),
    };
    dataset.installations.push(installation);
    for (let c = 0; c < clientsPerInstallation; c++) {
      const client = addClient(dataset, faker, installation.id, {});
      for (let u = 0; u < usersPerClient; u++) addUser(dataset, faker, client, {});
      for (let w = 0; w < workersPerClient; w++) {
        // The last worker of each client is still being hired: a pending contract, not onboarded yet.
        const status = w === workersPerClient - 1 ? 'PENDING_SIGNATURE' : 'EXECUTED';
        addWorker(dataset, faker, client, { status });
      }
    }
  }

  // One person working for two clients: two Worker rows sharing one WorkerProfile, as in Listo.
  const [first, second] = dataset.clients;
  const shared = dataset.workers.find((worker) => worker.clientId === first?.id);
  if (shared && second) {
    addWorker(dataset, faker, second, {
      status: 'EXECUTED',
      workerProfileId: shared.workerProfileId,
      email: shared.email,
      firstName: shared.firstName,
      lastName: shared.lastName,
    });
  }
  return { dataset, faker };
}

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

  const titles = random.shuffle(JOB_TITLES).slice(0, 5);
  for (const name of titles)
    dataset.jobTitles.push({ id: `jt_${random.token(12)}`, clientId: client.id, name });

  const units = random.shuffle(UNIT_NAMES).slice(0, 3);
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
