import type { MirrorWriter } from './mirror-writer';
import type { PostgresOptions } from './postgres-database';
import type { SqlSessionStore } from './session-store';

export type DeliveryKind = 'known' | 'unknown' | 'invalid';
export type DeliveryStatus =
  | 'pending'
  | 'processing'
  | 'retrying'
  | 'processed'
  | 'ignored'
  | 'invalid'
  | 'dead';

export const DELIVERY_STATUSES: readonly DeliveryStatus[] = [
  'pending',
  'processing',
  'retrying',
  'processed',
  'ignored',
  'invalid',
  'dead',
];

/** A verified delivery, as the HTTP layer hands it to the store. */
export interface IncomingDelivery {
  webhookId: string;
  webhookTimestamp: number;
  rawBody: string;
  kind: DeliveryKind;
  envelope?: {
    type?: string | undefined;
    dataVersion?: number | undefined;
    occurredAt?: string | undefined;
    entityType?: string | undefined;
    entityId?: string | undefined;
  };
  parseError?: string;
}

export interface ClaimedDelivery {
  webhookId: string;
  kind: DeliveryKind;
  attempts: number;
  payload: unknown;
}

export interface DeliveryRow {
  webhookId: string;
  kind: DeliveryKind;
  status: DeliveryStatus;
  type: string | null;
  dataVersion: number | null;
  entityType: string | null;
  entityId: string | null;
  occurredAt: string | null;
  timesReceived: number;
  attempts: number;
  lastError: string | null;
  parseError: string | null;
  firstReceivedAt: string;
  lastReceivedAt: string;
  nextAttemptAt: string | null;
  processedAt: string | null;
}

export type MirrorRow = Record<string, unknown>;

export interface ReceiverStore {
  readonly kind: 'embedded' | 'postgres';
  /** The dashboard's live sessions. */
  readonly sessions: SqlSessionStore;
  /** Stores the delivery and its event in one transaction keyed by webhook-id. */
  recordDelivery(delivery: IncomingDelivery): Promise<'stored' | 'duplicate'>;
  /** Reserves up to `limit` due events for `processorId` (FOR UPDATE SKIP LOCKED), for `leaseMs`. */
  claim(processorId: string, limit: number, leaseMs: number): Promise<ClaimedDelivery[]>;
  /**
   * Applies the event's effects and marks it done in one transaction, provided `processorId` still
   * holds it. Returns false (and changes nothing) when the lease was lost to another processor.
   */
  complete(
    webhookId: string,
    processorId: string,
    status: 'processed' | 'ignored',
    apply: (mirror: MirrorWriter) => Promise<void>,
  ): Promise<boolean>;
  /**
   * `complete` for a whole claimed batch in one transaction. All or nothing: if any apply throws, nothing
   * is written and the error propagates (the caller then completes the events one by one).
   * Returns, per item, whether it was applied (false: the lease was lost).
   */
  completeMany(
    processorId: string,
    items: {
      webhookId: string;
      status: 'processed' | 'ignored';
      apply: (mirror: MirrorWriter) => Promise<void>;
    }[],
  ): Promise<boolean[]>;
  /** Records a failed attempt: retried at `retryAt`, or parked as a dead letter when it is null. */
  fail(webhookId: string, processorId: string, error: string, retryAt: Date | null): Promise<void>;
  /**
   * Deletes deliveries (and their events, with the personal data they carry) first received before `before`
   * whose processing is over: processed, ignored, invalid or dead. Never one still pending, in processing or
   * waiting for a retry. At most `limit` rows per call; returns how many went.
   */
  purge(before: Date, limit?: number): Promise<number>;
  /** Puts a dead letter back in the queue with a fresh attempt budget. */
  replay(webhookId: string): Promise<boolean>;
  getDelivery(webhookId: string): Promise<DeliveryRow | undefined>;
  listDeliveries(options?: { limit?: number; status?: DeliveryStatus }): Promise<DeliveryRow[]>;
  listClients(): Promise<MirrorRow[]>;
  listUsers(): Promise<MirrorRow[]>;
  listWorkers(): Promise<MirrorRow[]>;
  listContracts(): Promise<MirrorRow[]>;
  countByStatus(): Promise<Record<DeliveryStatus, number>>;
  ping(): Promise<void>;
  /** Applies pending migrations (openStore already did) and returns the versions it applied. */
  migrate(): Promise<number[]>;
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}

export type StoreOptions =
  | { kind: 'embedded'; dataDir?: string | undefined }
  | ({ kind: 'postgres'; url: string } & PostgresOptions);
