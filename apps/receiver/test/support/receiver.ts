import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from '@listo/webhooks';
import type { ReceiverConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { type RunningReceiver, type StartOptions, startReceiver } from '../../src/server';
import type { StoreOptions } from '../../src/store/store-types';

/** Fixed test keys: a Standard Webhooks key and a Listo-style one for rotation tests. */
export const SECRET = `whsec_${Buffer.from('listo-receiver-test-secret-0001!').toString('base64')}`;
export const NEXT_SECRET = `whk_${Buffer.from('listo-receiver-next-secret-0002!').toString('base64url')}`;

export function testConfig(
  storeOptions: StoreOptions,
  overrides: Partial<ReceiverConfig> = {},
): ReceiverConfig {
  return {
    port: 0,
    host: '127.0.0.1',
    webhookSecrets: [SECRET],
    databaseUrl: storeOptions.kind === 'postgres' ? storeOptions.url : undefined,
    dataDir:
      storeOptions.kind === 'embedded' ? (storeOptions.dataDir ?? mkdtempSync(join(tmpdir(), 'lr-'))) : '',
    apiKey: undefined,
    apiBaseUrl: undefined,
    logLevel: 'silent',
    leaseMs: 30_000,
    maxAttempts: 3,
    retryBaseMs: 10,
    pollMs: 25,
    ...overrides,
  };
}

export async function startTestReceiver(
  storeOptions: StoreOptions,
  overrides: Partial<ReceiverConfig> = {},
  options: StartOptions = {},
): Promise<RunningReceiver> {
  return startReceiver(testConfig(storeOptions, overrides), {
    logger: createLogger({ level: 'silent' }),
    ...options,
  });
}

export interface PostOptions {
  secret?: string | string[];
  id?: string;
  timestamp?: number;
  headers?: Record<string, string>;
  contentType?: string;
}

/** Signs `body` as Listo would and POSTs it to the receiver's webhook endpoint. */
export async function postDelivery(
  baseUrl: string,
  body: unknown,
  options: PostOptions = {},
): Promise<Response> {
  const raw = typeof body === 'string' ? body : JSON.stringify(body);
  const id = options.id ?? (body as { id?: string }).id ?? 'lglsoevt_missing';
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const secrets = Array.isArray(options.secret) ? options.secret : [options.secret ?? SECRET];
  const signature = secrets.map((s) => new Webhook(s).sign(id, timestamp, raw)).join(' ');
  return fetch(`${baseUrl}/webhooks/listo`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'application/json',
      'user-agent': 'ListoGlobal-Gateway/1.0',
      'webhook-id': id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signature,
      ...options.headers,
    },
    body: raw,
  });
}

/** Polls until `check` returns a truthy value (bounded), returning it. */
export async function waitFor<T>(
  check: () => Promise<T | undefined | false>,
  // A hang guard, not a speed limit: on a loaded 2-core machine a restart and a catch-up take many times their usual time.
  timeoutMs = 240_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function getJson<T = Record<string, unknown>>(url: string): Promise<T> {
  const res = await fetch(url);
  return (await res.json()) as T;
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
