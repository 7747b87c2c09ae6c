import { z } from 'zod';

/** Listo signing keys (`whk_…`), Standard Webhooks keys (`whsec_…`); several while one is being rotated. */
const secretList = z
  .string({ error: 'LISTO_WEBHOOK_SECRET is required (one key, or several separated by commas)' })
  .transform((value) =>
    value
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
  )
  .pipe(
    z
      .array(
        z.string().regex(/^(whk_|whsec_)[A-Za-z0-9+/=_-]+$/, {
          error: 'each LISTO_WEBHOOK_SECRET entry must look like whk_<base64url> or whsec_<base64>',
        }),
      )
      .min(1, { error: 'LISTO_WEBHOOK_SECRET must contain at least one key' }),
  );

const emptyToUndefined = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

export const configSchema = z
  .object({
    PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65_535).default(3000)),
    HOST: z.preprocess(emptyToUndefined, z.string().default('127.0.0.1')),
    LISTO_WEBHOOK_SECRET: secretList,
    DATABASE_URL: z.preprocess(
      emptyToUndefined,
      z
        .url({
          protocol: /^postgres(ql)?$/,
          error: 'DATABASE_URL must be a postgres:// or postgresql:// URL',
        })
        .optional(),
    ),
    RECEIVER_DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('./.data')),
    LISTO_API_KEY: z.preprocess(emptyToUndefined, z.string().min(1).optional()),
    LISTO_API_BASE_URL: z.preprocess(emptyToUndefined, z.url().optional()),
    RECEIVER_API_TOKEN: z.preprocess(
      emptyToUndefined,
      z.string().min(16, { error: 'RECEIVER_API_TOKEN must be at least 16 characters' }).optional(),
    ),
    /** The origins operators use for the dashboard and the API (`https://ops.example.com`), comma-separated. */
    RECEIVER_ORIGINS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((v) =>
          v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== ''),
        )
        .pipe(
          z.array(
            z.url({
              protocol: /^https?$/,
              error: 'each RECEIVER_ORIGINS entry must be an http(s) origin such as https://ops.example.com',
            }),
          ),
        )
        .optional(),
    ),
    LOG_LEVEL: z.preprocess(
      emptyToUndefined,
      z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    ),
    /** How long a claimed event stays reserved for one processor before another may take it over. */
    RECEIVER_LEASE_MS: positiveInt(30_000),
    /** Processing attempts before an event is parked as a dead letter. */
    RECEIVER_MAX_ATTEMPTS: positiveInt(5),
    /** First retry delay; doubles on every further attempt (with jitter), capped at five minutes. */
    RECEIVER_RETRY_BASE_MS: positiveInt(1_000),
    RECEIVER_POLL_MS: positiveInt(500),
    /** Days a finished delivery (and the event body with its personal data) is kept; 0 keeps them for ever. */
    RECEIVER_RETENTION_DAYS: z.preprocess(emptyToUndefined, z.coerce.number().min(0).default(30)),
    /** Longest a client may take to send a request's headers (slowloris protection). */
    RECEIVER_HEADERS_TIMEOUT_MS: positiveInt(10_000),
    /** Longest a client may take to send a whole request, body included (a webhook is at most 1 MiB). */
    RECEIVER_REQUEST_TIMEOUT_MS: positiveInt(20_000),
    /** PostgreSQL only: connections per receiver process. */
    RECEIVER_DB_POOL_SIZE: positiveInt(10),
    /** PostgreSQL only: longest a statement may run before the server cancels it (the delivery gets 503). */
    RECEIVER_DB_STATEMENT_TIMEOUT_MS: positiveInt(5_000),
    /** PostgreSQL only: longest a statement waits for a lock (a locked table gives 503s, not hanging requests). */
    RECEIVER_DB_LOCK_TIMEOUT_MS: positiveInt(2_000),
  })
  .refine((c) => c.RECEIVER_HEADERS_TIMEOUT_MS <= c.RECEIVER_REQUEST_TIMEOUT_MS, {
    path: ['RECEIVER_HEADERS_TIMEOUT_MS'],
    error: 'RECEIVER_HEADERS_TIMEOUT_MS must not exceed RECEIVER_REQUEST_TIMEOUT_MS',
  });

export type EnvConfig = z.infer<typeof configSchema>;

export interface ReceiverConfig {
  port: number;
  host: string;
  webhookSecrets: string[];
  databaseUrl: string | undefined;
  dataDir: string;
  apiKey: string | undefined;
  apiBaseUrl: string | undefined;
  /** Bearer token for /api/* and /metrics (a dashboard session opens them too). */
  apiToken?: string | undefined;
  /** Origins operators reach this receiver at, besides loopback names and the dashboard's redirect URI. */
  origins?: string[];
  logLevel: EnvConfig['LOG_LEVEL'];
  leaseMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** How long finished deliveries are kept before the processor purges them; 0: for ever. */
  retentionMs?: number;
  /** Slow-client limits of the HTTP server (`RECEIVER_HEADERS_TIMEOUT_MS`, `RECEIVER_REQUEST_TIMEOUT_MS`). */
  http?: { headersTimeoutMs?: number; requestTimeoutMs?: number };
  /** PostgreSQL pool size and limits; see `RECEIVER_DB_*`. Defaults apply when unset. */
  db?: { poolSize?: number; statementTimeoutMs?: number; lockTimeoutMs?: number };
}

/** Raised at start when the environment is not a valid configuration; the message lists every problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: string[];
  constructor(issues: string[]) {
    super(`Invalid receiver configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.issues = issues;
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): ReceiverConfig {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    // Name the variable and the problem, never the value: it may be a secret.
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`),
    );
  }
  const c = parsed.data;
  return {
    port: c.PORT,
    host: c.HOST,
    webhookSecrets: c.LISTO_WEBHOOK_SECRET,
    databaseUrl: c.DATABASE_URL,
    dataDir: c.RECEIVER_DATA_DIR,
    apiKey: c.LISTO_API_KEY,
    apiBaseUrl: c.LISTO_API_BASE_URL,
    apiToken: c.RECEIVER_API_TOKEN,
    origins: c.RECEIVER_ORIGINS ?? [],
    logLevel: c.LOG_LEVEL,
    leaseMs: c.RECEIVER_LEASE_MS,
    maxAttempts: c.RECEIVER_MAX_ATTEMPTS,
    retryBaseMs: c.RECEIVER_RETRY_BASE_MS,
    pollMs: c.RECEIVER_POLL_MS,
    http: {
      headersTimeoutMs: c.RECEIVER_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: c.RECEIVER_REQUEST_TIMEOUT_MS,
    },
    db: {
      poolSize: c.RECEIVER_DB_POOL_SIZE,
      statementTimeoutMs: c.RECEIVER_DB_STATEMENT_TIMEOUT_MS,
      lockTimeoutMs: c.RECEIVER_DB_LOCK_TIMEOUT_MS,
    },
  };
}
