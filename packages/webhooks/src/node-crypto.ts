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
 * The probe never throws: Next.js's Edge runtime gives `process` a shim whose Node members throw when read or
 * called ("A Node.js API is used … which is not supported in the Edge Runtime"); that counts as no `node:crypto`.
 */
export function nodeCrypto(): NodeCrypto | null {
  if (cached === undefined) {
    let found: Partial<NodeCrypto> | undefined;
    try {
      const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
      found = proc?.getBuiltinModule?.('node:crypto') as Partial<NodeCrypto> | undefined;
    } catch {}
    cached = typeof found?.createHmac === 'function' ? (found as NodeCrypto) : null;
  }
  return cached;
}
