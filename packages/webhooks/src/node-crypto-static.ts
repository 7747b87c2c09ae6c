import { createHmac } from 'node:crypto';
import type { NodeCrypto } from './node-crypto';

export type { NodeCrypto } from './node-crypto';

const crypto: NodeCrypto = { createHmac } as NodeCrypto;

/**
 * The Node build's `node:crypto`, imported statically: the `node` export condition selects a build that uses
 * this file instead of `./node-crypto`, so `verify`/`sign` also work on Node 20 before 20.16, which has no
 * `process.getBuiltinModule`.
 */
export function nodeCrypto(): NodeCrypto {
  return crypto;
}
