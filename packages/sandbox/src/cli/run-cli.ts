import { isParseArgsError, UsageError } from './cli-args';

/** The usage text; the admin commands' part is built from the route table. */
async function usage(): Promise<string> {
  const { ADMIN_COMMANDS, commandUsage } = await import('./admin-command');
  const adminUsage = [...ADMIN_COMMANDS]
    .map(([command, routes]) => {
      const summary = routes.map((route) => route.summary).join(' ');
      return `  listo-sandbox ${commandUsage(command, routes)}\n      ${summary}`;
    })
    .join('\n');
  return `listo-sandbox — a local Listo (REST API, webhook gateway, OIDC provider)

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
${adminUsage}
`;
}

/**
 * Runs one CLI command; resolves with the exit code (`serve` resolves only once it has been stopped). Each
 * command loads only its own modules: `send` or `generate-secret` never load the server and its OIDC provider.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'serve':
        return await (await import('./serve-command')).serveCommand(rest);
      case 'send':
        return await (await import('./send-command')).sendCommand(rest);
      case 'generate-secret':
        return (await import('./generate-secret-command')).generateSecretCommand(rest);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        process.stdout.write(await usage());
        return command === undefined ? 2 : 0;
      default:
        return await (await import('./admin-command')).adminCommand(command, rest);
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      process.stderr.write(`${error.message}\n\n${await usage()}`);
      return 2;
    }
    throw error;
  }
}
