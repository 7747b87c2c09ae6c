import { type ChildProcess, spawn } from 'node:child_process';

export interface ReceiverProcess {
  /** Everything it wrote to stdout and stderr so far. */
  output: () => string;
  stop: () => Promise<void>;
}

export interface StartOptions {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Ready once this URL answers anything (a receiver answers a GET with 405 or 404). */
  url: string;
}

/**
 * Starts a receiver as its README says (`npm start`, `deno task start`, `wrangler dev`…) in a process group of
 * its own, so that stopping it also stops what the script started; resolves once `url` answers.
 */
export async function startReceiver(options: StartOptions): Promise<ReceiverProcess> {
  const child: ChildProcess = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 10_000);
    await exited;
    clearTimeout(timer);
  };
  // A hang guard, not a speed limit: a start that never answers fails with what the receiver printed.
  for (let attempt = 0; ; attempt++) {
    if (child.exitCode !== null) throw new Error(`${options.command} exited (${child.exitCode}):\n${output}`);
    try {
      await fetch(options.url, { signal: AbortSignal.timeout(5_000) });
      break;
    } catch {
      // not listening yet
    }
    if (attempt > 1_200) {
      await stop();
      throw new Error(`${options.command} did not answer on ${options.url}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { output: () => output, stop };
}
