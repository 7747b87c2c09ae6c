import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isId } from '@listo/ids';
import { fixtureEvent } from '../events/fixture-event';
import { entityKindOf, isKnownEvent, randomEntity, unknownEvent } from '../events/unknown-event';
import { deliver } from '../gateway/deliver';
import { resolveDeliveryPolicy } from '../gateway/delivery-policy';
import { signatureHeader } from '../gateway/signature-header';
import { attemptReport } from './attempt-report';
import { numberOption, UsageError } from './cli-args';

/** What `send` delivers: the exact bytes, and the id and type they carry. */
interface Outgoing {
  webhookId: string;
  eventType: string;
  label: string;
  body: string;
}

/** The body of `--file`, sent byte for byte: it must be a JSON object whose `id` becomes the `webhook-id`. */
async function fromFile(path: string): Promise<Outgoing> {
  let body: string;
  try {
    body = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read --file ${path}: ${(error as Error).message}`);
  }
  let event: unknown;
  try {
    event = JSON.parse(body);
  } catch (error) {
    throw new UsageError(`--file ${path} is not JSON: ${(error as Error).message}`);
  }
  const { id, type, dataVersion } = (event ?? {}) as { id?: unknown; type?: unknown; dataVersion?: unknown };
  if (typeof event !== 'object' || Array.isArray(event) || typeof id !== 'string' || id === '') {
    throw new UsageError(`--file ${path} must hold a JSON object with a string "id" (the webhook-id)`);
  }
  const eventType = typeof type === 'string' ? type : '(no type)';
  const version = typeof dataVersion === 'number' ? ` v${dataVersion}` : '';
  return { webhookId: id, eventType, label: `${eventType}${version} ${id}`, body };
}

/**
 * A fresh event of `--type`: from the guides' samples when `@listo/events` knows it, otherwise a minimal
 * envelope, so that a receiver's "tolerate unknown types" rule can be tried from a terminal.
 */
function fromType(type: string, dataVersion: number, installation: string | undefined): Outgoing {
  if (installation !== undefined && !isId('installation', installation)) {
    throw new UsageError('--installation must be an inst_… ID');
  }
  let event: { id: string; type: string; dataVersion: number };
  if (isKnownEvent(type, dataVersion)) {
    event = fixtureEvent(type, dataVersion, installation as `inst_${string}` | undefined);
  } else {
    process.stderr.write(
      `${type} v${dataVersion} is not an event @listo/events knows: sending a minimal envelope (its entity's IDs only).\n`,
    );
    event = unknownEvent(type, dataVersion, randomEntity(entityKindOf(type)));
  }
  const label = `${event.type} v${event.dataVersion} ${event.id}`;
  return { webhookId: event.id, eventType: event.type, label, body: JSON.stringify(event) };
}

/** `send`: one signed delivery to a URL with the gateway's retry policy; needs no running sandbox. */
export async function sendCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      url: { type: 'string' },
      secret: { type: 'string', multiple: true },
      type: { type: 'string' },
      file: { type: 'string' },
      'data-version': { type: 'string', default: '1' },
      installation: { type: 'string' },
      'backoff-scale': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'max-attempts': { type: 'string' },
    },
  });
  if (!values.url || !values.secret?.length || (values.type === undefined) === (values.file === undefined)) {
    throw new UsageError('send needs --url, --secret and one of --type or --file');
  }
  if (values.file !== undefined && values.installation !== undefined) {
    throw new UsageError('--installation applies to --type only: a --file is sent as it is');
  }
  const backoffScale = numberOption(values['backoff-scale'], 'backoff-scale');
  const attemptTimeoutMs = numberOption(values['timeout-ms'], 'timeout-ms');
  const maxAttempts = numberOption(values['max-attempts'], 'max-attempts');
  let policy: ReturnType<typeof resolveDeliveryPolicy>;
  try {
    policy = resolveDeliveryPolicy({
      ...(backoffScale === undefined ? {} : { deliveryBackoffMs: backoffScale }),
      ...(attemptTimeoutMs === undefined ? {} : { attemptTimeoutMs }),
      ...(maxAttempts === undefined ? {} : { maxAttempts }),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataVersion = numberOption(values['data-version'], 'data-version') ?? 1;
  if (!Number.isInteger(dataVersion) || dataVersion < 1) {
    throw new UsageError('--data-version must be a positive integer');
  }
  const secrets = values.secret;
  try {
    // Fail on a bad secret before the first request, with a usage error rather than a delivery failure.
    signatureHeader(secrets, 'check', 0, '');
  } catch (error) {
    throw new UsageError(`Invalid --secret: ${(error as Error).message}`);
  }
  const outgoing =
    values.file === undefined
      ? fromType(values.type as string, dataVersion, values.installation)
      : await fromFile(values.file);

  const outcome = await deliver({
    deliveryId: 'cli',
    subscriptionId: null,
    url: values.url,
    webhookId: outgoing.webhookId,
    eventType: outgoing.eventType,
    body: outgoing.body,
    secrets: () => secrets,
    policy,
    onAttempt: (attempt) => process.stdout.write(attemptReport(attempt, policy.maxAttempts)),
  });
  const attempts = outcome.attempts.length;
  process.stdout.write(
    outcome.ok
      ? `delivered ${outgoing.label} after ${attempts} attempt(s)\n`
      : `failed to deliver ${outgoing.label} after ${attempts} attempt(s)\n`,
  );
  return outcome.ok ? 0 : 1;
}
