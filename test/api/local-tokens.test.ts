/** The local runtime's token check: development tokens only, with an expiry, our issuer and audience. */
import { SignJWT, decodeJwt } from 'jose';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/adapters/aws/powertools-logger';
import { devTokenAudience, devTokenIssuer, mintDevToken } from '../../src/adapters/jwt/dev-token';
import { loadOrCreateDevSecret } from '../../src/adapters/local/dev-secret';
import { startLocalRuntime, type LocalRuntime } from '../../src/wiring/local/runtime';
import { blankPdfRenderer, expectProblem } from '../helpers/api-runtime';
import { fakeInventory } from '../helpers/fake-inventory';

describe('local tokens', () => {
  let rt: LocalRuntime;
  let dir: string;
  let secret: Uint8Array;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'osr-tokens-'));
    rt = await startLocalRuntime({
      port: 0,
      dataDir: dir,
      ephemeral: true,
      inventory: async () => fakeInventory([], []),
      maxReceiveCount: 2,
      visibilityTimeoutMs: 500,
      downloadUrlTtlSeconds: 900,
      logger: silentLogger,
      pdf: blankPdfRenderer,
    });
    // The runtime's own key: what an attacker with a leaked key, or another tool sharing it, would sign with.
    secret = await loadOrCreateDevSecret(join(dir, 'dev-jwt-secret'));
  });
  afterAll(async () => {
    await rt?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const list = (token: string) => fetch(`${rt.url}/v1/reports`, { headers: { authorization: `Bearer ${token}` } });
  const signed = (edit: (jwt: SignJWT) => SignJWT) =>
    edit(new SignJWT({ scope: 'reports:read' }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice')).sign(secret);

  it('mints tokens with an expiry, our issuer and our audience, which the runtime accepts', async () => {
    const token = await rt.mintToken('alice', ['reports:read']);
    expect(decodeJwt(token)).toMatchObject({ iss: devTokenIssuer, aud: devTokenAudience, exp: expect.any(Number) });
    expect((await list(token)).status).toBe(200);
    expect((await list(await signed((j) => j.setIssuer(devTokenIssuer).setAudience(devTokenAudience).setExpirationTime('5m')))).status).toBe(200);
  });

  it.each([
    ['without exp', (j: SignJWT) => j.setIssuer(devTokenIssuer).setAudience(devTokenAudience), 'no expiry'],
    ['without iss', (j: SignJWT) => j.setAudience(devTokenAudience).setExpirationTime('5m'), 'not issued for this service'],
    [
      'from another issuer',
      (j: SignJWT) => j.setIssuer('https://idp.example.com').setAudience(devTokenAudience).setExpirationTime('5m'),
      'not issued for this service',
    ],
    ['without aud', (j: SignJWT) => j.setIssuer(devTokenIssuer).setExpirationTime('5m'), 'not meant for this service'],
    ['for another audience', (j: SignJWT) => j.setIssuer(devTokenIssuer).setAudience('billing').setExpirationTime('5m'), 'not meant for this service'],
    ['with nothing but a subject', (j: SignJWT) => j, 'the token'],
  ])('refuses a token %s, signed with the right key: 401 saying why', async (_name, edit, reason) => {
    const problem = await expectProblem(await list(await signed(edit)), 401, 'unauthorized');
    expect(problem.detail).toContain(reason);
  });

  it('refuses a development token minted for another issuer or audience', async () => {
    for (const other of [{ issuer: 'elsewhere' }, { audience: 'elsewhere' }]) {
      expect((await list(await mintDevToken(secret, { sub: 'alice', scopes: ['reports:read'], ...other }))).status).toBe(401);
    }
  });
});
