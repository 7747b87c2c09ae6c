import { randomUUID } from 'node:crypto';
import { readFileSync, readlinkSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/**
 * One process per embedded data directory: PGlite has no multi-process locking of its own, and two writers
 * would corrupt its files.
 *
 * The lock is a file created atomically (`O_CREAT | O_EXCL`), naming its owner by more than a PID: PIDs repeat
 * (a container's main process is PID 1 after every restart), so the owner is the PID *and* that process's start
 * time, within one boot of one PID namespace. A lock whose owner is gone is taken over at once, including when
 * its PID now belongs to another process (this one, say). An owner in another PID namespace (another container
 * sharing the volume) cannot be looked up; its lock is kept fresh by a heartbeat, and is taken over only once the
 * heartbeat has stopped for {@link STALE_AFTER_MS}.
 */
export const LOCK_FILE = 'receiver.lock';
const TAKEOVER_FILE = 'receiver.lock.takeover';
export const HEARTBEAT_MS = 5_000;
export const STALE_AFTER_MS = 30_000;

/** Who holds the lock. `startTime` is in clock ticks since boot (`/proc/<pid>/stat`), null without /proc. */
export interface LockOwner {
  token: string;
  pid: number;
  startTime: string | null;
  bootId: string | null;
  pidNamespace: string | null;
  hostname: string;
}

/** Locks this process holds: a second opener in the same process must be refused too, though its PID matches. */
const heldHere = new Set<string>();

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
}

const read = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** Field 22 of /proc/<pid>/stat: when the process started. The name (field 2) may hold spaces, so count from ')'. */
export function processStartTime(pid: number): string | null {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === null) return null;
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
}

function pidNamespace(): string | null {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function currentOwner(): LockOwner {
  return {
    token: randomUUID(),
    pid: process.pid,
    startTime: processStartTime(process.pid),
    bootId: read('/proc/sys/kernel/random/boot_id'),
    pidNamespace: pidNamespace(),
    hostname: hostname(),
  };
}

function parseOwner(text: string | null): LockOwner | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    return typeof value.token === 'string' && Number.isInteger(value.pid) ? (value as LockOwner) : undefined;
  } catch {
    return undefined; // An older receiver's lock (a bare PID), or one being written this very moment.
  }
}

const ageMs = (path: string) => {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
};

/** Whether the lock's owner may still be running, and a description of it for the error message. */
function ownerState(lockFile: string, text: string | null, me: LockOwner): { alive: boolean; who: string } {
  const owner = parseOwner(text);
  const fresh = ageMs(lockFile) < STALE_AFTER_MS;
  if (!owner) {
    const pid = Number(text);
    // An older receiver's lock holds just a PID: trust it only while that PID is alive and is not ours.
    if (Number.isInteger(pid) && pid > 0)
      return { alive: pid !== me.pid && isAlive(pid), who: `process ${pid}` };
    return { alive: fresh, who: 'another process' };
  }
  const who = `process ${owner.pid} on ${owner.hostname}`;
  if (heldHere.has(owner.token)) return { alive: true, who };
  if (owner.bootId && me.bootId && owner.bootId !== me.bootId) return { alive: false, who }; // since rebooted
  const sameNamespace =
    owner.hostname === me.hostname && owner.pidNamespace === me.pidNamespace && owner.bootId === me.bootId;
  if (!sameNamespace) return { alive: fresh, who: `${who} (another container or machine)` };
  if (owner.pid === me.pid || !isAlive(owner.pid)) return { alive: false, who };
  // The PID is taken: by the owner, or by a process that got the same PID later.
  const startTime = processStartTime(owner.pid);
  return { alive: owner.startTime === null || startTime === null || startTime === owner.startTime, who };
}

function tryCreate(path: string, content: string): boolean {
  try {
    writeFileSync(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Removes a lock judged stale, provided it is still that very lock: under a second exclusive file, so two
 * processes taking over at once cannot each remove the lock the other has just created.
 */
function removeStale(dataDir: string, staleText: string | null): void {
  const mutex = join(dataDir, TAKEOVER_FILE);
  if (!tryCreate(mutex, String(process.pid))) {
    // Another takeover is under way; one left by a process that died inside it is cleared after a while.
    if (ageMs(mutex) > 10_000) rmSync(mutex, { force: true });
    else sleep(20);
    return;
  }
  try {
    const lockFile = join(dataDir, LOCK_FILE);
    if (read(lockFile) === staleText) rmSync(lockFile, { force: true });
  } finally {
    rmSync(mutex, { force: true });
  }
}

/** Takes the data directory's lock or throws DataDirLockedError; returns the function that gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const lockFile = join(dataDir, LOCK_FILE);
  const me = currentOwner();
  const content = JSON.stringify(me);
  for (let attempt = 0; attempt < 50; attempt++) {
    if (tryCreate(lockFile, content)) {
      const heartbeat = setInterval(() => {
        const now = new Date();
        try {
          utimesSync(lockFile, now, now);
        } catch {
          // Gone (the directory was removed): nothing to keep fresh.
        }
      }, HEARTBEAT_MS);
      heartbeat.unref();
      heldHere.add(me.token);
      return () => {
        clearInterval(heartbeat);
        heldHere.delete(me.token);
        if (parseOwner(read(lockFile))?.token === me.token) rmSync(lockFile, { force: true });
      };
    }
    const text = read(lockFile);
    const { alive, who } = ownerState(lockFile, text, me);
    if (alive) {
      throw new DataDirLockedError(
        `The embedded store in ${dataDir} is in use by ${who}. Run one receiver per data directory, or use ` +
          `PostgreSQL (DATABASE_URL) for several replicas. (A lock whose owner is gone is taken over by itself; ` +
          `one held from another container is considered gone ${STALE_AFTER_MS / 1000} s after its last heartbeat.)`,
      );
    }
    removeStale(dataDir, text);
  }
  throw new DataDirLockedError(
    `Could not take the lock of the embedded store in ${dataDir}: too much contention.`,
  );
}
