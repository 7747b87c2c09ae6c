import { parseArgs } from 'node:util';
import { isId } from '@listo/ids';
import { deliver } from './deliver';
import { fixtureEvent } from './fixture-event';
import { SANDBOX_OIDC_CLIENT } from './oidc/sandbox-oidc';
import { resolveDeliveryPolicy } from './policy';
import { startSandbox } from './sandbox';
import { signatureHeader } from './signing';

const USAGE = `listo-sandbox — a local Listo (REST API, webhook gateway, OIDC provider)

Usage:
  listo-sandbox serve [--port 4010] [--api-key <key>] [--seed 1] [--host 127.0.0.1]
                      [--oauth-redirect-uri <uri>]… (OIDC client listo-sandbox-client's redirect URIs)
                      [--backoff-scale 1] [--duplicate-rate 0] [--reorder-window-ms 0] [--delay-ms 0]
  listo-sandbox send --url <url> --secret <whk_…> --type <event type> [--data-version 1]
                     [--installation <inst_…>] [--backoff-scale 1] [--timeout-ms 30000]

  Against a running sandbox (--sandbox <url> --api-key <key>, or LISTO_SANDBOX_URL / LISTO_API_KEY):
  listo-sandbox subscribe --url <url> --secret <whk_…> [--installation <inst_…>] [--event-type <type>]…
  listo-sandbox unsubscribe <subscriptionId>
  listo-sandbox rotate-secret <subscriptionId> --secret <whk_…>
  listo-sandbox complete-rotation <subscriptionId>
  listo-sandbox create-client [--installation <inst_…>] [--name <name>]
  listo-sandbox create-user --client <lglsocli_…> [--email <e>] [--first-name <n>] [--last-name <n>]
  listo-sandbox onboard-worker --client <lglsocli_…> [--email <e>] [--first-name <n>] [--last-name <n>] [--job-title <t>]
  listo-sandbox update-worker <lglsowpr_…> [--email <e>] [--first-name <n>] [--last-name <n>] [--phone <p>]
  listo-sandbox change-contract <lglsoctc_…> [--status <s>] [--job-title <t>] [--manager <lglsousr_…>]
  listo-sandbox trigger <event type> [--data-version 1] [--installation <inst_…>]
  listo-sandbox chaos [--duplicate-rate <0..1>] [--reorder-window-ms <n>] [--delay-ms <n>]
  listo-sandbox deliveries
  listo-sandbox dataset
`;

const ADMIN_OPTIONS = {
  sandbox: { type: 'string' },
  'api-key': { type: 'string' },
  url: { type: 'string' },
  secret: { type: 'string' },
  installation: { type: 'string' },
  'event-type': { type: 'string', multiple: true },
  client: { type: 'string' },
  name: { type: 'string' },
  email: { type: 'string' },
  'first-name': { type: 'string' },
  'last-name': { type: 'string' },
  phone: { type: 'string' },
  'job-title': { type: 'string' },
  status: { type: 'string' },
  manager: { type: 'string' },
  'data-version': { type: 'string' },
  'duplicate-rate': { type: 'string' },
  'reorder-window-ms': { type: 'string' },
  'delay-ms': { type: 'string' },
} as const;

class UsageError extends Error {}

/** Runs one CLI command; resolves with the exit code (`serve` resolves only once it has been stopped). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serve(rest);
      case 'send':
        return await send(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        return await admin(command, rest);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}

function number(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number`);
  return parsed;
}

async function serve(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'api-key': { type: 'string' },
      seed: { type: 'string', default: '1' },
      'backoff-scale': { type: 'string' },
      'duplicate-rate': { type: 'string' },
      'reorder-window-ms': { type: 'string' },
      'delay-ms': { type: 'string' },
      'oauth-redirect-uri': { type: 'string', multiple: true },
    },
  });
  const backoffScale = number(values['backoff-scale'], 'backoff-scale');
  const redirectUris = values['oauth-redirect-uri'];
  const sandbox = await startSandbox({
    ...(redirectUris?.length ? { oidc: { clients: [{ ...SANDBOX_OIDC_CLIENT, redirectUris }] } } : {}),
    port: number(values.port, 'port') ?? 4010,
    host: values.host,
    seed: number(values.seed, 'seed') ?? 1,
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(backoffScale === undefined ? {} : { deliveryBackoffMs: backoffScale }),
    chaos: definedChaos(values),
  });
  process.stdout.write(
    `${JSON.stringify({
      url: sandbox.url,
      apiKey: sandbox.apiKey,
      seed: sandbox.seed,
      installations: sandbox.dataset.installations.map((i) => i.id),
      oidc: {
        issuer: sandbox.url,
        clientId: SANDBOX_OIDC_CLIENT.clientId,
        clientSecret: SANDBOX_OIDC_CLIENT.clientSecret,
        redirectUris: redirectUris?.length ? redirectUris : SANDBOX_OIDC_CLIENT.redirectUris,
      },
    })}\n`,
  );
  process.stderr.write(`listo-sandbox listening on ${sandbox.url} (Ctrl-C to stop)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.stop();
  return 0;
}

function definedChaos(values: {
  'duplicate-rate'?: string;
  'reorder-window-ms'?: string;
  'delay-ms'?: string;
}) {
  const chaos: { duplicateRate?: number; reorderWindowMs?: number; delayMs?: number } = {};
  const duplicateRate = number(values['duplicate-rate'], 'duplicate-rate');
  const reorderWindowMs = number(values['reorder-window-ms'], 'reorder-window-ms');
  const delayMs = number(values['delay-ms'], 'delay-ms');
  if (duplicateRate !== undefined) chaos.duplicateRate = duplicateRate;
  if (reorderWindowMs !== undefined) chaos.reorderWindowMs = reorderWindowMs;
  if (delayMs !== undefined) chaos.delayMs = delayMs;
  return chaos;
}

/** One signed delivery of a fresh fixture event, with the gateway's retry policy. */
async function send(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      secret: { type: 'string', multiple: true },
      type: { type: 'string' },
      'data-version': { type: 'string', default: '1' },
      installation: { type: 'string' },
      'backoff-scale': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-attempts': { type: 'string' },
    },
  });
  if (!values.url || !values.secret?.length || !values.type) {
    throw new UsageError('send needs --url, --secret and --type');
  }
  if (values.installation !== undefined && !isId('installation', values.installation)) {
    throw new UsageError('--installation must be an inst_… ID');
  }
  const backoffScale = number(values['backoff-scale'], 'backoff-scale');
  const attemptTimeoutMs = number(values['timeout-ms'], 'timeout-ms');
  const maxAttempts = number(values['max-attempts'], 'max-attempts');
  const policy = resolveDeliveryPolicy({
    ...(backoffScale === undefined ? {} : { deliveryBackoffMs: backoffScale }),
    ...(attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs }),
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
  let event: ReturnType<typeof fixtureEvent>;
  try {
    event = fixtureEvent(
      values.type,
      number(values['data-version'], 'data-version') ?? 1,
      values.installation as `inst_${string}` | undefined,
    );
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const secrets = values.secret;
  try {
    // Fail on a bad secret before the first request, with a usage error rather than a delivery failure.
    signatureHeader(secrets, event.id, 0, '');
  } catch (error) {
    throw new UsageError(`Invalid --secret: ${(error as Error).message}`);
  }
  const outcome = await deliver({
    deliveryId: 'cli',
    subscriptionId: null,
    url: values.url,
    webhookId: event.id,
    eventType: event.type,
    body: JSON.stringify(event),
    secrets: () => secrets,
    policy,
    onAttempt: (attempt) => {
      const result = attempt.ok ? `HTTP ${attempt.status}` : (attempt.error ?? 'failed');
      process.stdout.write(
        `attempt ${attempt.attempt}/${policy.maxAttempts}: ${result} in ${attempt.durationMs} ms (webhook-id ${attempt.webhookId})\n`,
      );
    },
  });
  const attempts = outcome.attempts.length;
  process.stdout.write(
    outcome.ok
      ? `delivered ${event.type} v${event.dataVersion} ${event.id} after ${attempts} attempt(s)\n`
      : `failed to deliver ${event.type} v${event.dataVersion} ${event.id} after ${attempts} attempt(s)\n`,
  );
  return outcome.ok ? 0 : 1;
}

/** The commands that call a running sandbox's `/__admin/*` endpoint. */
async function admin(command: string, argv: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: ADMIN_OPTIONS,
    allowPositionals: true,
  });
  const base = values.sandbox ?? process.env.LISTO_SANDBOX_URL;
  const apiKey = values['api-key'] ?? process.env.LISTO_API_KEY;
  if (!base || !apiKey) {
    throw new UsageError(
      `${command} needs --sandbox <url> and --api-key <key> (or LISTO_SANDBOX_URL and LISTO_API_KEY)`,
    );
  }
  const target = (): string => {
    const id = positionals[0];
    if (!id) throw new UsageError(`${command} needs an ID argument`);
    return encodeURIComponent(id);
  };
  const pick = (entries: Record<string, string | undefined>) =>
    Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined));
  const person = pick({
    email: values.email,
    firstName: values['first-name'],
    lastName: values['last-name'],
  });

  let request: { method: 'GET' | 'POST' | 'DELETE'; path: string; body?: unknown };
  switch (command) {
    case 'subscribe':
      if (!values.url || !values.secret) throw new UsageError('subscribe needs --url and --secret');
      request = {
        method: 'POST',
        path: '/__admin/subscriptions',
        body: pick({ url: values.url, secret: values.secret, installationId: values.installation }),
      };
      if (values['event-type']) (request.body as Record<string, unknown>).eventTypes = values['event-type'];
      break;
    case 'unsubscribe':
      request = { method: 'DELETE', path: `/__admin/subscriptions/${target()}` };
      break;
    case 'rotate-secret':
      if (!values.secret) throw new UsageError('rotate-secret needs --secret');
      request = {
        method: 'POST',
        path: `/__admin/subscriptions/${target()}/rotate`,
        body: { secret: values.secret },
      };
      break;
    case 'complete-rotation':
      request = { method: 'POST', path: `/__admin/subscriptions/${target()}/complete-rotation` };
      break;
    case 'create-client':
      request = {
        method: 'POST',
        path: '/__admin/clients',
        body: pick({ installationId: values.installation, name: values.name }),
      };
      break;
    case 'create-user':
      if (!values.client) throw new UsageError('create-user needs --client');
      request = { method: 'POST', path: '/__admin/users', body: { clientId: values.client, ...person } };
      break;
    case 'onboard-worker':
      if (!values.client) throw new UsageError('onboard-worker needs --client');
      request = {
        method: 'POST',
        path: '/__admin/workers/onboard',
        body: { clientId: values.client, ...person, ...pick({ jobTitle: values['job-title'] }) },
      };
      break;
    case 'update-worker':
      request = {
        method: 'POST',
        path: `/__admin/workers/${target()}/update`,
        body: { ...person, ...pick({ phone: values.phone }) },
      };
      break;
    case 'change-contract':
      request = {
        method: 'POST',
        path: `/__admin/contracts/${target()}`,
        body: pick({ status: values.status, jobTitle: values['job-title'], managerId: values.manager }),
      };
      break;
    case 'trigger': {
      const type = positionals[0];
      if (!type) throw new UsageError('trigger needs an event type');
      request = {
        method: 'POST',
        path: '/__admin/events',
        body: { type, ...pick({ installationId: values.installation, dataVersion: values['data-version'] }) },
      };
      break;
    }
    case 'chaos': {
      const chaos = definedChaos(values);
      request = Object.keys(chaos).length
        ? { method: 'POST', path: '/__admin/chaos', body: chaos }
        : { method: 'GET', path: '/__admin/chaos' };
      break;
    }
    case 'deliveries':
      request = { method: 'GET', path: '/__admin/deliveries' };
      break;
    case 'dataset':
      request = { method: 'GET', path: '/__admin/dataset' };
      break;
    default:
      throw new UsageError(`Unknown command: ${command}`);
  }

  const response = await fetch(new URL(request.path, base), {
    method: request.method,
    headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await response.text();
  (response.ok ? process.stdout : process.stderr).write(`${text}\n`);
  return response.ok ? 0 : 1;
}
