import { parseArgs } from 'node:util';
import { SANDBOX_OIDC_CLIENT } from '../oidc/sandbox-oidc';
import { startSandbox } from '../sandbox';
import { chaosOptions, numberOption } from './cli-args';

/** `serve`: runs a sandbox until SIGINT or SIGTERM; its first line on stdout is JSON for scripts. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
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
  const backoffScale = numberOption(values['backoff-scale'], 'backoff-scale');
  // OIDC: the provider's relying party (the one integration point of the OIDC provider in the CLI).
  const redirectUris = values['oauth-redirect-uri'];
  const oidcClient = redirectUris?.length ? { ...SANDBOX_OIDC_CLIENT, redirectUris } : SANDBOX_OIDC_CLIENT;
  const sandbox = await startSandbox({
    ...(redirectUris?.length ? { oidc: { clients: [oidcClient] } } : {}),
    port: numberOption(values.port, 'port') ?? 4010,
    host: values.host,
    seed: numberOption(values.seed, 'seed') ?? 1,
    ...(values['api-key'] ? { apiKey: values['api-key'] } : {}),
    ...(backoffScale === undefined ? {} : { deliveryBackoffMs: backoffScale }),
    chaos: chaosOptions(values),
  });
  process.stdout.write(
    `${JSON.stringify({
      url: sandbox.url,
      apiKey: sandbox.apiKey,
      seed: sandbox.seed,
      installations: sandbox.dataset.installations.map((i) => i.id),
      oidc: {
        issuer: sandbox.url,
        clientId: oidcClient.clientId,
        clientSecret: oidcClient.clientSecret,
        redirectUris: oidcClient.redirectUris,
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
