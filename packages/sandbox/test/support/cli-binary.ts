import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';

const PACKAGE = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds the `listo-sandbox` binary from `src/cli.ts` (the package's `bin` entry) with tsup, as the release
 * does, but into one self-contained file (the workspace packages from their sources), so that each command in
 * a test is a plain `node cli.js …`: several times faster to start than compiling TypeScript on every call.
 */
export async function buildCliBinary(): Promise<{ path: string; remove: () => void }> {
  const outDir = mkdtempSync(join(tmpdir(), 'listo-sandbox-cli-'));
  await build({
    entry: { cli: join(PACKAGE, 'src/cli.ts') },
    outDir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    noExternal: [/.*/],
    esbuildOptions: (options) => {
      options.conditions = ['@listo/source'];
    },
    config: false,
    dts: false,
    silent: true,
  });
  return { path: join(outDir, 'cli.js'), remove: () => rmSync(outDir, { recursive: true, force: true }) };
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the binary as a child process and collects its exit code and output. */
export async function runCli(
  binary: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [binary, ...args], {
      env: { ...process.env, ...env },
      timeout: 240_000, // a hang guard: a loaded CI machine runs the CLI many times slower
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
