import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from 'jose';

type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;

interface SigningKey {
  readonly kid: string;
  readonly privateKey: KeyPair['privateKey'];
  readonly publicJwk: JWK;
  /** Epoch ms at which this key stopped signing; undefined for the current key. */
  retiredAt?: number;
}

export const SIGNING_ALG = 'RS256';

/**
 * The provider's signing keys. One key signs; after a rotation the previous keys stay in the JWKS for
 * `retiredKeyGraceMs`, so tokens they signed keep verifying while relying parties pick up the new `kid`.
 */
export class SigningKeyRing {
  readonly #keys: SigningKey[] = [];
  readonly #graceMs: number;
  #ready: Promise<void> | undefined;

  constructor(retiredKeyGraceMs: number) {
    this.#graceMs = retiredKeyGraceMs;
  }

  async #addKey(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const jwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(jwk);
    const key: SigningKey = { kid, privateKey, publicJwk: { ...jwk, kid, alg: SIGNING_ALG, use: 'sig' } };
    for (const existing of this.#keys) existing.retiredAt ??= Date.now();
    this.#keys.unshift(key);
    return key;
  }

  async #current(): Promise<SigningKey> {
    this.#ready ??= this.#addKey().then(() => undefined);
    await this.#ready;
    return this.#keys[0]!;
  }

  /** Starts signing with a new key and returns its `kid`. The old key stays published for the grace period. */
  async rotate(): Promise<string> {
    await this.#current();
    return (await this.#addKey()).kid;
  }

  async currentKid(): Promise<string> {
    return (await this.#current()).kid;
  }

  async jwks(): Promise<{ keys: JWK[] }> {
    await this.#current();
    const now = Date.now();
    for (let i = this.#keys.length - 1; i > 0; i--) {
      const retiredAt = this.#keys[i]!.retiredAt;
      if (retiredAt !== undefined && now - retiredAt > this.#graceMs) this.#keys.splice(i, 1);
    }
    return { keys: this.#keys.map((k) => k.publicJwk) };
  }

  /** Signs with the current key. `kid` may be overridden (tests use it to present an unknown key id). */
  async sign(payload: JWTPayload, header: { kid?: string; typ?: string } = {}): Promise<string> {
    const key = await this.#current();
    return new SignJWT(payload)
      .setProtectedHeader({ alg: SIGNING_ALG, typ: header.typ ?? 'JWT', kid: header.kid ?? key.kid })
      .sign(key.privateKey);
  }
}
