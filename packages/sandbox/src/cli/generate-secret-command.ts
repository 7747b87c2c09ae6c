import { parseArgs } from 'node:util';
import { generateSecret } from '@listo/webhooks';

/** `generate-secret`: a new Listo-style signing key (`whk_…`), from `@listo/webhooks`' `generateSecret()`. */
export function generateSecretCommand(argv: readonly string[]): number {
  parseArgs({ args: [...argv], options: {} });
  process.stdout.write(`${generateSecret()}\n`);
  return 0;
}
