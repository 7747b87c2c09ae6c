import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { currentOwner, LOCK_FILE, lockDataDir, processStartTime } from '../src/store/data-dir-lock';
import { openStore } from '../src/store/receiver-store';

const appDir = join(import.meta.dirname, '..');
const dirs: string[] = [];
const children: ChildProcess[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'lr-lock-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
});
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs test/support/lock-holder.ts; resolves with its first line (LOCKED or REFUSED …). */
function holder(dir: string, at = 0): { child: ChildProcess; said: Promise<string> } {
  const child = spawn(
    process.execPath,
    ['--conditions=@listo/source', '--import', 'tsx', 'test/support/lock-holder.ts', dir, String(at)],
    { cwd: appDir, stdio: ['pipe', 'pipe', 'inherit'] },
  );
  children.push(child);
  const said = new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`lock holder exited with ${code} before saying anything`)));
  });
  return { child, said };
}

const writeLock = (dir: string, content: unknown) =>
  writeFileSync(join(dir, LOCK_FILE), typeof content === 'string' ? content : JSON.stringify(content));

describe('the embedded store’s data-directory lock', () => {
  it('takes over a lock left by a crashed process whose PID is now its own (PID 1 after a container restart)', async () => {
    // What the previous version wrote: a bare PID. After a restart in a container that PID is ours again.
    const dir = freshDir();
    writeLock(dir, String(process.pid));
    const store = await openStore({ kind: 'embedded', dataDir: dir });
    await store.close();

    const again = freshDir();
    writeLock(again, { ...currentOwner(), startTime: '1' });
    lockDataDir(again)();
  });

  it('takes over a lock whose PID now belongs to another, live process (started later than the owner)', () => {
    const dir = freshDir();
    const other = process.ppid;
    expect(processStartTime(other)).not.toBeNull();
    writeLock(dir, { ...currentOwner(), pid: other, startTime: `${processStartTime(other)}0` });
    const release = lockDataDir(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: process.pid });
    release();
  });

  it('refuses while the owner runs, and takes over at once after it is killed with SIGKILL', async () => {
    const dir = freshDir();
    const owner = holder(dir);
    expect(await owner.said).toBe('LOCKED');
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+/);
    owner.child.kill('SIGKILL');
    await new Promise((r) => owner.child.once('exit', r));
    lockDataDir(dir)();
  });

  it('refuses a second opener inside the same process', () => {
    const dir = freshDir();
    const release = lockDataDir(dir);
    expect(() => lockDataDir(dir)).toThrow(/in use by process \d+/);
    release();
    lockDataDir(dir)();
  });

  it('trusts a lock from another PID namespace while its heartbeat is fresh, and takes it over once it stopped', () => {
    const dir = freshDir();
    writeLock(dir, { ...currentOwner(), pid: 1, hostname: 'other-container', pidNamespace: 'pid:[1]' });
    expect(() => lockDataDir(dir)).toThrow(/another container or machine/);
    const longAgo = new Date(Date.now() - 60_000);
    utimesSync(join(dir, LOCK_FILE), longAgo, longAgo);
    lockDataDir(dir)();
  });

  it('gives a stale lock to exactly one of several processes taking it over at the same moment', async () => {
    const dir = freshDir();
    writeLock(dir, { ...currentOwner(), startTime: '1' });
    const at = Date.now() + 3_000;
    const said = await Promise.all(Array.from({ length: 4 }, () => holder(dir, at).said));
    expect(said.filter((s) => s === 'LOCKED')).toHaveLength(1);
    expect(said.filter((s) => s.startsWith('REFUSED'))).toHaveLength(3);
  });
});
