/** A mistake in the command line: printed with the usage text, exit code 2. */
export class UsageError extends Error {}

/** Whether `error` is `node:util` `parseArgs` refusing the command line (an unknown flag, a missing value). */
export function isParseArgsError(error: unknown): error is Error {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

/** A numeric flag's value, or a {@link UsageError} naming the flag. */
export function numberOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed)) throw new UsageError(`--${name} must be a number`);
  return parsed;
}

/** The chaos switches given as flags (`--duplicate-rate`, `--reorder-window-ms`, `--delay-ms`). */
export function chaosOptions(values: {
  'duplicate-rate'?: string | undefined;
  'reorder-window-ms'?: string | undefined;
  'delay-ms'?: string | undefined;
}): { duplicateRate?: number; reorderWindowMs?: number; delayMs?: number } {
  const chaos: { duplicateRate?: number; reorderWindowMs?: number; delayMs?: number } = {};
  const duplicateRate = numberOption(values['duplicate-rate'], 'duplicate-rate');
  const reorderWindowMs = numberOption(values['reorder-window-ms'], 'reorder-window-ms');
  const delayMs = numberOption(values['delay-ms'], 'delay-ms');
  if (duplicateRate !== undefined) chaos.duplicateRate = duplicateRate;
  if (reorderWindowMs !== undefined) chaos.reorderWindowMs = reorderWindowMs;
  if (delayMs !== undefined) chaos.delayMs = delayMs;
  return chaos;
}
