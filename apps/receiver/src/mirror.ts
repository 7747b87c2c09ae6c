import { createEventHandler, type EventOf, parseEvent, type UnknownListoEvent } from '@listo/events';
import type { Logger } from 'pino';
import type { PlanEvent, ProcessingPlan } from './processor';
import type {
  ClientRecord,
  ContractRecord,
  MirrorWriter,
  UserRecord,
  WorkerRecord,
} from './store/mirror-writer';

/**
 * Fetches the current state of an entity from its `data.links.self` path (through @listo/api-client's
 * `follow`). Resolves to undefined when Listo no longer has it (404), so the snapshot is used instead.
 */
export type Refetch = (linksSelf: string) => Promise<Record<string, unknown> | undefined>;

type WorkerEvent = EventOf<'worker.onboarded', 1> | EventOf<'worker.updated', 1>;
type Contract = WorkerEvent['data']['contracts'][number];

function contractRecord(
  c: Contract,
  workerId: string | undefined,
  occurredAt: string,
  eventId: string,
): ContractRecord {
  return {
    contractId: c.id,
    workerId,
    clientId: c.clientId,
    name: c.name,
    status: c.status,
    jobTitle: c.jobTitle,
    managerId: c.managerId,
    billingFrequency: c.billingFrequency,
    isoCountryCode: c.isoCountryCode,
    engagementType: c.engagementType,
    startDate: c.startDate,
    contractEndDate: c.contractEndDate,
    createdAt: c.createdAt,
    occurredAt,
    eventId,
  };
}

const str = (v: unknown): string | null | undefined => (typeof v === 'string' || v === null ? v : undefined);

/** Overlays fields a refetch returned (current state) on the event's snapshot. */
function overlay<T extends object>(
  snapshot: T,
  fetched: Record<string, unknown> | undefined,
  keys: (keyof T)[],
): T {
  if (!fetched) return snapshot;
  const out = { ...snapshot };
  for (const key of keys) {
    const value = fetched[key as string];
    if (value !== undefined) (out as Record<string, unknown>)[key as string] = value;
  }
  return out;
}

/**
 * Builds the processing plan of an event: parse it (tolerantly), dispatch it with createEventHandler
 * (so a new event type in @listo/events is a compile error here until handled), and describe the
 * mirror writes. With `refetch`, entity state is fetched now and stamped with the fetch time, so a
 * late-processed event still writes current state and an older snapshot cannot overwrite it.
 */
export function createMirrorPlanner(options: { logger: Logger; refetch?: Refetch | undefined }): PlanEvent {
  const { logger, refetch } = options;

  const stamp = async (linksSelf: string, occurredAt: string) => {
    if (!refetch) return { fetched: undefined, occurredAt };
    const fetched = await refetch(linksSelf);
    return { fetched, occurredAt: fetched ? new Date().toISOString() : occurredAt };
  };

  const planWorker = async (e: WorkerEvent, onboarded: boolean): Promise<ProcessingPlan> => {
    const d = e.data;
    const { fetched, occurredAt } = await stamp(d.links.self, e.occurredAt);
    const base: WorkerRecord = {
      workerId: d.workerId,
      clientId: d.clientId,
      workerProfileId: d.workerProfileId,
      email: d.email,
      firstName: d.firstName,
      lastName: d.lastName,
      fullName: d.fullName,
      phone: d.phone,
      dateOfBirth: d.dateOfBirth,
      address: d.address,
      organizationUnit: d.organizationUnit,
      organizationLocation: d.organizationLocation,
      linksSelf: d.links.self,
      occurredAt,
      eventId: e.id,
    };
    const worker = overlay(base, fetched, [
      'email',
      'firstName',
      'lastName',
      'fullName',
      'phone',
      'dateOfBirth',
      'address',
      'organizationUnit',
      'organizationLocation',
    ]);
    const contracts = (
      Array.isArray(fetched?.contracts) ? (fetched.contracts as Contract[]) : d.contracts
    ).map((c) => contractRecord(c, d.workerId, occurredAt, e.id));
    return {
      status: 'processed',
      async apply(m: MirrorWriter) {
        await m.ensureClient(d.clientId);
        await m.upsertWorker(worker);
        if (onboarded) await m.markOnboarded(d.workerId, e.occurredAt);
        for (const c of contracts) await m.upsertContract(c);
      },
    };
  };

  const dispatch = createEventHandler<Promise<ProcessingPlan>>({
    'client.created': {
      1: async (e) => {
        const d = e.data;
        const { fetched, occurredAt } = await stamp(d.links.self, e.occurredAt);
        const client: ClientRecord = overlay(
          {
            clientId: d.clientId,
            name: d.name,
            address: d.address,
            linksSelf: d.links.self,
            occurredAt,
            eventId: e.id,
          },
          fetched,
          ['name', 'address'],
        );
        return { status: 'processed', apply: (m) => m.upsertClient(client).then(() => {}) };
      },
    },
    'user.created': {
      1: async (e) => {
        const d = e.data;
        const { fetched, occurredAt } = await stamp(d.links.self, e.occurredAt);
        const user: UserRecord = overlay(
          {
            userId: d.userId,
            clientId: d.clientId,
            email: d.email,
            firstName: d.firstName,
            lastName: d.lastName,
            fullName: d.fullName,
            createdAt: d.createdAt,
            linksSelf: d.links.self,
            occurredAt,
            eventId: e.id,
          },
          fetched,
          ['email', 'firstName', 'lastName', 'fullName'],
        );
        return {
          status: 'processed',
          async apply(m) {
            // The user's client may not have arrived yet: a placeholder keeps the reference whole.
            await m.ensureClient(d.clientId);
            await m.upsertUser(user);
          },
        };
      },
    },
    'worker.onboarded': { 1: (e) => planWorker(e, true) },
    'worker.updated': { 1: (e) => planWorker(e, false) },
    'worker.contract.updated': {
      1: async (e) => {
        const d = e.data;
        const contract = contractRecord(d, str(d.workerId) ?? undefined, e.occurredAt, e.id);
        return {
          status: 'processed',
          async apply(m) {
            await m.ensureClient(d.clientId);
            if (d.workerId) await m.ensureWorker(d.workerId, d.clientId);
            await m.upsertContract(contract);
          },
        };
      },
    },
    unknown: async (e: UnknownListoEvent) => {
      // Stored and acknowledged already; nothing to mirror until this receiver learns the type.
      logger.info({ eventId: e.id, type: e.type, dataVersion: e.dataVersion }, 'unknown event type ignored');
      return { status: 'ignored', apply: async () => {} };
    },
  });

  return async (delivery) => {
    const parsed = parseEvent(delivery.payload);
    if (parsed.kind === 'invalid') {
      // Stored events were parsed on arrival; reaching this means the schema changed underneath.
      throw new Error(`stored event no longer parses: ${parsed.error.message}`);
    }
    return dispatch(parsed.event);
  };
}
