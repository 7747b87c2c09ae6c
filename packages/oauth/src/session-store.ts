/** What the server keeps about one signed-in session. */
export interface SessionRecord {
  /** The user (`sub`) the session belongs to, so that a store can end every session of a user. */
  readonly sub: string;
  /** Epoch seconds after which the session is over, whatever the cookie says. */
  readonly expiresAt: number;
}

/**
 * Where the web helpers keep the sessions that are live. A sealed session cookie is honoured only while its
 * session id is in the store and unexpired: logout deletes it, and so can you (to end a user's sessions, on
 * a password change, from an admin screen). Plug a durable, shared store (SQL, Redis...) when the app runs
 * as several processes or restarts: the in-memory one forgets every session on restart and is not shared.
 *
 * Each method may return a promise. Session ids are random and only meaningful inside a cookie sealed with
 * the session secret, so a store may keep them as they are.
 */
export interface SessionStore {
  /** Keeps a new session (called at sign-in). */
  set(id: string, record: SessionRecord): Promise<void> | void;
  /** The live session with this id, or `undefined` (unknown, deleted or expired). */
  get(id: string): Promise<SessionRecord | undefined> | SessionRecord | undefined;
  /** Ends a session (called at logout). */
  delete(id: string): Promise<void> | void;
}

/** The in-memory store, with two extras for a single process. */
export interface MemorySessionStore extends SessionStore {
  /** Ends every session of one user; returns how many there were. */
  deleteBySubject(sub: string): number;
  /** Live sessions (expired ones are dropped as they are met). */
  readonly size: number;
}

/** Sweep expired sessions once every this many sign-ins. */
const SWEEP_EVERY = 256;

/** A `SessionStore` in this process's memory: the default of the web helpers. */
export function createMemorySessionStore(): MemorySessionStore {
  const sessions = new Map<string, SessionRecord>();
  let writes = 0;
  const live = (record: SessionRecord) => record.expiresAt > Date.now() / 1000;
  const sweep = () => {
    for (const [id, record] of sessions) if (!live(record)) sessions.delete(id);
  };
  return {
    set(id, record) {
      sessions.set(id, { sub: record.sub, expiresAt: record.expiresAt });
      if (++writes % SWEEP_EVERY === 0) sweep();
    },
    get(id) {
      const record = sessions.get(id);
      if (record === undefined || live(record)) return record;
      sessions.delete(id);
      return undefined;
    },
    delete(id) {
      sessions.delete(id);
    },
    deleteBySubject(sub) {
      let ended = 0;
      for (const [id, record] of sessions) {
        if (record.sub === sub) {
          sessions.delete(id);
          ended++;
        }
      }
      return ended;
    },
    get size() {
      sweep();
      return sessions.size;
    },
  };
}
