import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { SECRET } from './receiver';

const appDir = join(import.meta.dirname, '..', '..');

export interface ChildReceiver {
  url: string;
  child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far (pino JSON lines). */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

/**
 * Runs the receiver as its own process, from source (as `pnpm start` would from dist), and resolves
 * once it listens. Configuration is the environment, exactly as in production.
 */
export async function spawnReceiver(env: Record<string, string>): Promise<ChildReceiver> {
  const child = spawn(process.execPath, ['--conditions=@listo/source', '--import', 'tsx', 'src/main.ts'], {
    cwd: appDir,
    env: {
      PATH: process.env.PATH ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      LISTO_WEBHOOK_SECRET: SECRET,
      LOG_LEVEL: 'info',
      RECEIVER_POLL_MS: '50',
      RECEIVER_RETRY_BASE_MS: '50',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  child.stderr?.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`receiver did not start:\n${out}`)), 240_000); // a hang guard: a loaded machine starts it slowly
    const onData = () => {
      const line = out.split('\n').find((l) => l.includes('"receiver listening"'));
      if (line) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(`http://127.0.0.1:${(JSON.parse(line) as { port: number }).port}`);
      }
    };
    child.stdout?.on('data', onData);
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`receiver exited with ${code} before listening:\n${out}`));
    });
  });
  return { url, child, output: () => out, exited, kill: (signal) => child.kill(signal) };
}
