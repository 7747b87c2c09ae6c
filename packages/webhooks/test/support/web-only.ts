import { expect, vi } from 'vitest';

type Entry = typeof import('../../src/index');

/**
 * A fresh copy of the package entry that sees a runtime without `process.getBuiltinModule` (like a browser or
 * workerd), so its async methods run on Web Crypto and its sync methods have no `node:crypto`.
 */
export async function importWithoutNodeCrypto(): Promise<Entry> {
  const proc = process as { getBuiltinModule?: unknown };
  const original = proc.getBuiltinModule;
  vi.resetModules();
  proc.getBuiltinModule = undefined;
  try {
    const { nodeCrypto } = await import('../../src/node-crypto');
    expect(nodeCrypto()).toBeNull(); // detected once, then remembered by this copy
    return await import('../../src/index');
  } finally {
    proc.getBuiltinModule = original;
  }
}
