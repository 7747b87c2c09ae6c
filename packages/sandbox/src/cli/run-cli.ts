import { ADMIN_COMMANDS, adminCommand, commandUsage } from './admin-command';
import { isParseArgsError, UsageError } from './cli-args';
import { generateSecretCommand } from './generate-secret-command';
import { sendCommand } from './send-command';
import { serveCommand } from './serve-command';

const ADMIN_USAGE = [...ADMIN_COMMANDS]
  .map(([command, routes]) => {
    const summary = routes.map((route) => route.summary).join(' ');
    return `  listo-sandbox ${commandUsage(command, routes)}\n      ${summary}`;
  })
  .join('\n');

const USAGE = `listo-sandbox — a local Listo (REST API, webhook gateway, OIDC provider)

Usage:
  listo-sandbox serve [--port 4010] [--api-key <key>] [--seed 1] [--host 127.0.0.1]
                      [--oauth-redirect-uri <uri>]… (OIDC client listo-sandbox-client's redirect URIs)
                      [--backoff-scale 1] [--duplicate-rate 0] [--reorder-window-ms 0] [--delay-ms 0]
  listo-sandbox send --url <url> --secret <whk_…> (--type <event type> | --file <event.json>)
                     [--data-version 1] [--installation <inst_…>] [--backoff-scale 1] [--timeout-ms 30000]
                     [--max-attempts 3]
      One signed delivery, with the gateway's retry policy; needs no running sandbox. Any --type: one that
      @listo/events does not know is a minimal envelope. A --file is sent byte for byte, its "id" as webhook-id.
  listo-sandbox generate-secret
      A new Listo-style signing key (whk_…), as @listo/webhooks' generateSecret() makes them.

  Against a running sandbox (--sandbox <url> --api-key <key>, or LISTO_SANDBOX_URL / LISTO_API_KEY):
${ADMIN_USAGE}
`;

/** Runs one CLI command; resolves with the exit code (`serve` resolves only once it has been stopped). */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await serveCommand(rest);
      case 'send':
        return await sendCommand(rest);
      case 'generate-secret':
        return generateSecretCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        return await adminCommand(command, rest);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
