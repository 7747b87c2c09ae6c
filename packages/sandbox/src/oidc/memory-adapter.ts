import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  readonly payload: AdapterPayload;
  readonly expiresAt: number;
}

/** The models issued under a grant: a replayed code revokes all of them (as oidc-provider's own adapter does). */
const GRANTABLE = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/** Sweep expired entries once every this many writes, so a long-running `serve` does not grow forever. */
const SWEEP_EVERY = 500;

/**
 * oidc-provider's storage (its documented `adapter` extension point), in memory and owned by one sandbox
 * provider: it outlives the provider instances rebuilt when the signing keys rotate, and two sandboxes in one
 * process never share it (oidc-provider's own default is a process-wide LRU of 1000 entries).
 * `revokeByGrantId` is what lets a replayed code revoke every token of its grant, refreshed ones included.
 * Clients are not stored here: `findClient` resolves them from the sandbox's registration.
 */
export class MemoryStore {
  readonly #entries = new Map<string, Entry>();
  readonly #grants = new Map<string, Set<string>>();
  readonly #uids = new Map<string, string>();
  readonly #userCodes = new Map<string, string>();
  #writes = 0;

  constructor(readonly findClient: (clientId: string) => AdapterPayload | undefined) {}

  adapter(model: string): Adapter {
    const key = (id: string) => `${model}:${id}`;
    const store = this;
    return {
      async upsert(id, payload, expiresIn) {
        store.#set(key(id), model, payload, expiresIn);
      },
      async find(id) {
        if (model === 'Client') return store.findClient(id);
        return store.#get(key(id));
      },
      async findByUid(uid) {
        const stored = store.#uids.get(uid);
        return stored === undefined ? undefined : store.#get(stored);
      },
      async findByUserCode(userCode) {
        const stored = store.#userCodes.get(userCode);
        return stored === undefined ? undefined : store.#get(stored);
      },
      async consume(id) {
        const payload = store.#get(key(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
      },
      async destroy(id) {
        store.#entries.delete(key(id));
      },
      async revokeByGrantId(grantId) {
        for (const member of store.#grants.get(grantId) ?? []) store.#entries.delete(member);
        store.#grants.delete(grantId);
      },
    };
  }

  #get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  #set(key: string, model: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt = expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
    this.#entries.set(key, { payload, expiresAt });
    if (payload.grantId !== undefined && GRANTABLE.has(model)) {
      const members = this.#grants.get(payload.grantId) ?? new Set<string>();
      members.add(key);
      this.#grants.set(payload.grantId, members);
    }
    if (model === 'Session' && payload.uid !== undefined) this.#uids.set(payload.uid, key);
    if (payload.userCode !== undefined) this.#userCodes.set(payload.userCode, key);
    if (++this.#writes % SWEEP_EVERY === 0) this.#sweep();
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const [grantId, members] of this.#grants) {
      for (const member of members) if (!this.#entries.has(member)) members.delete(member);
      if (members.size === 0) this.#grants.delete(grantId);
    }
    for (const index of [this.#uids, this.#userCodes]) {
      for (const [value, key] of index) if (!this.#entries.has(key)) index.delete(value);
    }
  }
}
