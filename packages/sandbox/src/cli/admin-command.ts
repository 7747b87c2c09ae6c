import { parseArgs } from 'node:util';
import { ADMIN_ROUTES, type AdminFlag, type AdminRoute } from '../admin/admin-routes';
import type { DeliveryRun, ResendResult } from '../gateway/webhook-gateway';
import { attemptReport } from './attempt-report';
import { numberOption, UsageError } from './cli-args';

/** The admin routes of each CLI command, in table order (`chaos` has two: show and change). */
export const ADMIN_COMMANDS: ReadonlyMap<string, readonly AdminRoute[]> = ADMIN_ROUTES.reduce(
  (commands, route) => {
    if (route.cli) commands.set(route.cli.command, [...(commands.get(route.cli.command) ?? []), route]);
    return commands;
  },
  new Map<string, AdminRoute[]>(),
);

/** Every flag a command accepts, across its routes. */
function flagsOf(routes: readonly AdminRoute[]): Map<string, AdminFlag> {
  return new Map(routes.flatMap((route) => Object.entries(route.cli?.flags ?? {})));
}

/** The usage line of a command, e.g. `create-user --client <lglsocli_…> [--email <e>]`. */
export function commandUsage(command: string, routes: readonly AdminRoute[]): string {
  const argument = routes.find((route) => route.cli?.argument)?.cli?.argument;
  const flags = [...flagsOf(routes)].map(([name, flag]) => {
    const text = `--${name} ${flag.value}${flag.kind === 'list' ? '…' : ''}`;
    return flag.required ? text : `[${text}]`;
  });
  return [command, ...(argument ? [argument.value] : []), ...flags].join(' ');
}

/** A command with several routes picks the one with flags when flags are given (`chaos --delay-ms 5`). */
function routeFor(routes: readonly AdminRoute[], anyFlag: boolean): AdminRoute {
  return (
    routes.find((route) => Boolean(route.cli?.flags && Object.keys(route.cli.flags).length) === anyFlag) ??
    (routes[0] as AdminRoute)
  );
}

function reportRuns(answer: ResendResult): number {
  const runs: readonly DeliveryRun[] = answer.deliveries;
  for (const run of runs) {
    process.stdout.write(`${run.deliveryId} to ${run.subscriptionId}:\n`);
    for (const attempt of run.attempts) process.stdout.write(attemptReport(attempt));
  }
  const ok = runs.length > 0 && runs.every((run) => run.ok);
  process.stdout.write(
    runs.length === 0
      ? `no subscription to resend ${answer.eventType} ${answer.webhookId} to\n`
      : `${ok ? 'resent' : 'failed to resend'} ${answer.eventType} ${answer.webhookId} to ${runs.length} subscription(s)\n`,
  );
  return ok ? 0 : 1;
}

/**
 * A command that calls a running sandbox's `/__admin/*` endpoint, built from the route table: its flags fill
 * the request body, its argument a path parameter or a body field. Prints the JSON answer (or, for `resend`,
 * each attempt); exit 0 on success, 1 on an error answer.
 */
export async function adminCommand(command: string, argv: readonly string[]): Promise<number> {
  const routes = ADMIN_COMMANDS.get(command);
  if (!routes) throw new UsageError(`Unknown command: ${command}`);
  const flags = flagsOf(routes);
  const { values: parsed, positionals } = parseArgs({
    args: [...argv],
    options: {
      sandbox: { type: 'string' },
      'api-key': { type: 'string' },
      ...Object.fromEntries(
        [...flags].map(([name, flag]) => [name, { type: 'string' as const, multiple: flag.kind === 'list' }]),
      ),
    },
    allowPositionals: true,
  });
  const values = parsed as Record<string, string | string[] | undefined>;
  const base = parsed.sandbox ?? process.env.LISTO_SANDBOX_URL;
  const apiKey = parsed['api-key'] ?? process.env.LISTO_API_KEY;
  if (!base || !apiKey) {
    throw new UsageError(
      `${command} needs --sandbox <url> and --api-key <key> (or LISTO_SANDBOX_URL and LISTO_API_KEY)`,
    );
  }
  const given = [...flags.keys()].filter((name) => values[name] !== undefined);
  const route = routeFor(routes, given.length > 0);
  const cli = route.cli ?? { command };
  const missing = Object.entries(cli.flags ?? {})
    .filter(([name, flag]) => flag.required && values[name] === undefined)
    .map(([name]) => `--${name}`);
  if (missing.length > 0) throw new UsageError(`${command} needs ${missing.join(' and ')}`);
  const stray = given.filter((name) => !cli.flags?.[name]);
  if (stray.length > 0) throw new UsageError(`${command} takes no --${stray[0]} here`);
  if (positionals.length > (cli.argument ? 1 : 0)) {
    throw new UsageError(
      `${command} takes ${cli.argument ? `one argument, ${cli.argument.value}` : 'no argument'}`,
    );
  }

  let path = route.path;
  const body: Record<string, unknown> = {};
  if (cli.argument) {
    const value = positionals[0];
    if (!value) throw new UsageError(`${command} needs ${cli.argument.value}`);
    if (cli.argument.in === 'path') path = path.replace(`{${cli.argument.name}}`, encodeURIComponent(value));
    else body[cli.argument.name] = value;
  }
  for (const [name, flag] of Object.entries(cli.flags ?? {})) {
    const value = values[name];
    if (value === undefined) continue;
    body[flag.field] = flag.kind === 'number' ? numberOption(value as string, name) : value;
  }

  let url: URL;
  try {
    url = new URL(path, base);
  } catch {
    throw new UsageError(`Not a URL: --sandbox ${base}`);
  }
  let response: Response;
  try {
    response = await fetch(url, {
      method: route.method,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json' },
      ...(route.method === 'GET' ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message ?? (error as Error).message;
    process.stderr.write(`Cannot reach the sandbox at ${url.origin}: ${cause}\n`);
    return 1;
  }
  const text = await response.text();
  if (!response.ok) {
    process.stderr.write(`${text}\n`);
    return 1;
  }
  if (cli.output === 'delivery-runs') return reportRuns(JSON.parse(text) as ResendResult);
  process.stdout.write(`${text}\n`);
  return 0;
}
