/** The part of `node:crypto` this package uses (typed here so the Web entry needs no Node types). */
export interface NodeCrypto {
  createHmac(
    algorithm: 'sha256',
    key: Uint8Array,
  ): {
    update(data: string | Uint8Array): {
      update(data: string | Uint8Array): { digest(encoding: 'base64'): string };
    };
  };
}

let cached: NodeCrypto | null | undefined;

/**
 * `node:crypto` where the runtime offers it synchronously (Node 20.16+, Bun, Deno), else `null`. Loaded through
 * `process.getBuiltinModule` rather than an import, so the entry stays free of Node builtins for Web runtimes.
 */
export function nodeCrypto(): NodeCrypto | null {
  if (cached === undefined) {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    cached = (proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined) ?? null;
  }
  return cached;
}
