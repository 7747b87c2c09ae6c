import { generateKeyPair as generateKeyPairCallback, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { calculateJwkThumbprint, type JWK, type JWTPayload, SignJWT } from 'jose';

const generateKeyPair = promisify(generateKeyPairCallback);

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** The private JWK (with `kid`, `alg`, `use`), as oidc-provider's `jwks` option takes it. */
  readonly privateJwk: JWK;
  /** Epoch ms at which this key stopped signing; undefined for the current key. */
  retiredAt?: number;
}

export const SIGNING_ALG = 'RS256';

/**
 * The provider's signing keys. One key signs; after a rotation the previous keys stay in the JWKS for
 * `retiredKeyGraceMs`, so tokens they signed keep verifying while relying parties pick up the new `kid`.
 * oidc-provider reads its keys once, when it is built: `version` changes whenever the published set does,
 * so the provider can be rebuilt with the new set.
 */
export class SigningKeyRing {
  readonly #keys: SigningKey[] = [];
  readonly #graceMs: number;
  #ready: Promise<void> | undefined;
  #version = 0;

  constructor(retiredKeyGraceMs: number) {
    this.#graceMs = retiredKeyGraceMs;
  }

  async #addKey(): Promise<SigningKey> {
    const { privateKey } = await generateKeyPair('rsa', { modulusLength: 2048 });
    const jwk = privateKey.export({ format: 'jwk' }) as JWK;
    const kid = await calculateJwkThumbprint(jwk);
    const key: SigningKey = { kid, privateKey, privateJwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
    for (const existing of this.#keys) existing.retiredAt ??= Date.now();
    this.#keys.unshift(key);
    this.#version++;
    return key;
  }

  async #current(): Promise<SigningKey> {
    this.#ready ??= this.#addKey().then(() => undefined);
    await this.#ready;
    return this.#keys[0]!;
  }

  /** Drops retired keys whose grace period is over. */
  #prune(): void {
    const now = Date.now();
    for (let i = this.#keys.length - 1; i > 0; i--) {
      const retiredAt = this.#keys[i]!.retiredAt;
      if (retiredAt !== undefined && now - retiredAt > this.#graceMs) {
        this.#keys.splice(i, 1);
        this.#version++;
      }
    }
  }

  /** Starts signing with a new key and returns its `kid`. The old key stays published for the grace period. */
  async rotate(): Promise<string> {
    await this.#current();
    return (await this.#addKey()).kid;
  }

  async currentKid(): Promise<string> {
    return (await this.#current()).kid;
  }

  /** The private keys to build the provider with (the signing key first), and the version of that set. */
  async privateJwks(): Promise<{ version: number; jwks: { keys: JWK[] } }> {
    await this.#current();
    this.#prune();
    return { version: this.#version, jwks: { keys: this.#keys.map((k) => ({ ...k.privateJwk })) } };
  }

  /** The version the published set would have now (after dropping expired keys). */
  async version(): Promise<number> {
    await this.#current();
    this.#prune();
    return this.#version;
  }

  /** Signs with the current key. `kid` may be overridden (tests use it to present an unknown key id). */
  async sign(payload: JWTPayload, header: { kid?: string; typ?: string } = {}): Promise<string> {
    const key = await this.#current();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: header.typ ?? 'JWT', kid: header.kid ?? key.kid })
      .sign(key.privateKey);
  }
}
