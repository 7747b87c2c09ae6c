import { type Logger, type LoggerOptions, pino } from 'pino';

/**
 * Paths pino replaces with "[redacted]". Secrets never reach a log call on purpose; this is the
 * second line of defence for objects logged whole (configs, request headers, errors with context).
 */
export const REDACTED_PATHS: string[] = [
  'secret',
  'secrets',
  'apiKey',
  'apiToken',
  '*.apiToken',
  'webhookSecrets',
  'databaseUrl',
  'password',
  'clientSecret',
  'sessionSecret',
  '*.clientSecret',
  '*.sessionSecret',
  '*.secret',
  '*.secrets',
  '*.apiKey',
  '*.webhookSecrets',
  '*.databaseUrl',
  '*.password',
  'headers.authorization',
  'headers["x-api-key"]',
  'headers["webhook-signature"]',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers["x-api-key"]',
  '*.headers["webhook-signature"]',
  '*.headers.cookie',
];

export function createLogger(
  options: { level?: LoggerOptions['level']; destination?: NodeJS.WritableStream } = {},
): Logger {
  const opts: LoggerOptions = {
    name: 'listo-receiver',
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  return options.destination ? pino(opts, options.destination) : pino(opts);
}

export type { Logger };
