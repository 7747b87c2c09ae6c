import { type Sandbox, startSandbox } from '@listo/sandbox';
import { SANDBOX_OIDC_CLIENT } from '@listo/sandbox/oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createListoAuth } from '../src/index';
import { signInAt } from './support/provider';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ seed: 7 });
});
afterAll(() => sandbox.stop());

describe('the OIDC provider served by startSandbox (what `listo-sandbox serve` runs)', () => {
  it('lets a user of the sandbox dataset sign in with the default sandbox client', async () => {
    const auth = createListoAuth({
      clientId: SANDBOX_OIDC_CLIENT.clientId,
      clientSecret: SANDBOX_OIDC_CLIENT.clientSecret,
      redirectUri: SANDBOX_OIDC_CLIENT.redirectUris[0]!,
      issuer: sandbox.url,
      allowInsecureRequests: true,
    });
    const user = sandbox.dataset.users[0]!;
    const request = await auth.createAuthorizationRequest();
    const { claims, tokens } = await auth.handleCallback(await signInAt(request.url, user.id), request);
    expect(claims).toMatchObject({ iss: sandbox.url, sub: user.id, email: user.email, name: user.fullName });
    expect((await auth.userinfo(tokens.accessToken, user.id)).email).toBe(user.email);
    expect(tokens.refreshToken).toBeUndefined();
  });

  it('issues a refresh token for offline_access, and rotates it on every use', async () => {
    const auth = createListoAuth({
      clientId: SANDBOX_OIDC_CLIENT.clientId,
      clientSecret: SANDBOX_OIDC_CLIENT.clientSecret,
      redirectUri: SANDBOX_OIDC_CLIENT.redirectUris[0]!,
      issuer: sandbox.url,
      allowInsecureRequests: true,
      offlineAccess: true,
    });
    const request = await auth.createAuthorizationRequest();
    const { tokens } = await auth.handleCallback(
      await signInAt(request.url, sandbox.dataset.users[1]!.id),
      request,
    );
    const refreshed = await auth.refresh(tokens.refreshToken!);
    expect(refreshed.tokens.refreshToken).not.toBe(tokens.refreshToken);
    await expect(auth.refresh(tokens.refreshToken!)).rejects.toMatchObject({
      code: 'token_error',
      oauthError: 'invalid_grant',
    });
  });

  it('rotates its signing key through sandbox.oidc', async () => {
    const before = await sandbox.oidc!.currentKid();
    const after = await sandbox.oidc!.rotateSigningKey();
    const jwks = (await (await fetch(`${sandbox.url}/oauth2/jwks`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([after, before]);
  });
});
