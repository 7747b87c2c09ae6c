import type { Dataset, Installation } from './dataset';
import { addClient, addUser, addWorker } from './dataset-records';
import { Faker } from './faker';
import { SeededRandom } from './seeded-random';

/** How many records `generateDataset` makes. */
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
      instanceName: faker.instanceName(i),
      createdAt,
      updatedAt: faker.daysAfter(createdAt, 30),
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
