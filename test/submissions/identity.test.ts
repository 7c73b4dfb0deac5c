import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { createRegisterApp } from '../../functions/app/register-app.ts';
import { devTokenCommand } from '../../functions/cli/dev-token.ts';
import { main } from '../../functions/cli/main.ts';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { DomainError } from '../../functions/domain/errors.ts';
import { createJwtVerifier } from '../../functions/identity/jwt-verifier.ts';
import { createDevIssuer, DEV_AUDIENCE, DEV_ISSUER, devUserId } from '../../functions/local/dev-issuer.ts';
import { clearRunning, devDataDirectory, recordRunning } from '../../functions/local/running-register.ts';
import { createStore } from '../../functions/store/store.ts';
import { createRenderer } from '../../web/render.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function cognitoLikeToken(
  claims: Record<string, unknown>,
  options: { audience?: string; issuer?: string; expires?: string; issuedAt?: number } = {},
) {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' };
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(options.issuer ?? 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_pool')
    .setAudience(options.audience ?? 'client-1')
    .setSubject('cognito-sub-1')
    .setIssuedAt(options.issuedAt ?? Math.floor(Date.now() / 1000))
    .setExpirationTime(options.expires ?? '1h')
    .sign(privateKey);
  const { createLocalJWKSet } = await import('jose');
  const verifier = createJwtVerifier({
    keys: createLocalJWKSet({ keys: [jwk] }),
    issuer: 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_pool',
    audience: 'client-1',
  });
  return { token, verifier };
}

describe('identity: one verifier for Cognito and the development issuer', () => {
  it('reads a Cognito ID token: sub, email, email_verified and the officers group', async () => {
    const { token, verifier } = await cognitoLikeToken({
      email: 'o@x.example',
      email_verified: true,
      token_use: 'id',
      'cognito:groups': ['officers'],
    });
    expect(await verifier.verify(token)).toEqual({
      id: 'cognito-sub-1',
      email: 'o@x.example',
      isOfficer: true,
      emailVerified: true,
    });
  });

  it.each([
    [false, false],
    ['true', true],
    [undefined, false],
  ])('reads email_verified %j as %j', async (claim, verified) => {
    const { token, verifier } = await cognitoLikeToken({
      email: 'o@x.example',
      token_use: 'id',
      ...(claim === undefined ? {} : { email_verified: claim }),
    });
    expect((await verifier.verify(token)).emailVerified).toBe(verified);
  });

  it.each([
    ['another audience', { email: 'a@x.example', token_use: 'id' }, { audience: 'client-2' }],
    ['another issuer', { email: 'a@x.example', token_use: 'id' }, { issuer: 'https://evil.example' }],
    ['an expired token', { email: 'a@x.example', token_use: 'id' }, { expires: '-1m' }],
    [
      'a token issued more than a day ago, whatever its exp',
      { email: 'a@x.example', token_use: 'id' },
      { issuedAt: Math.floor(Date.now() / 1000) - 25 * 3600, expires: '1h' },
    ],
    ['an access token', { email: 'a@x.example', token_use: 'access' }, {}],
    ['no email', { token_use: 'id' }, {}],
  ])('refuses %s as unauthenticated', async (_what, claims, options) => {
    const { token, verifier } = await cognitoLikeToken(claims, options);
    await expect(verifier.verify(token)).rejects.toMatchObject({ kind: 'unauthenticated' });
    await expect(verifier.verify(token)).rejects.toBeInstanceOf(DomainError);
  });

  it('keeps the development issuer’s keys in the data folder, so tokens survive a restart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-issuer-'));
    dirs.push(dir);
    const first = await createDevIssuer({ dir });
    const token = await first.sign({ email: 'Ann@Example.com', officer: false });
    const again = await createDevIssuer({ dir });
    expect(await again.verifier.verify(token)).toEqual({
      id: devUserId('ann@example.com'),
      email: 'ann@example.com',
      isOfficer: false,
      emailVerified: true,
    });
    const stranger = await createDevIssuer({ dir: mkdtempSync(path.join(tmpdir(), 'dev-issuer-')) });
    await expect(stranger.verifier.verify(token)).rejects.toMatchObject({ kind: 'unauthenticated' });
    expect([DEV_ISSUER, DEV_AUDIENCE]).toEqual(['urn:register:dev-issuer', 'register-local']);
  });

  it('cannot be switched on in the deployed stack: the Lambda wires Cognito only, and without an issuer there is no sign-in form', async () => {
    const handler = readFileSync(path.resolve('functions/handlers/http-handler.ts'), 'utf8');
    expect(handler).not.toMatch(/local\/|dev-issuer|devIssuer/);
    expect(handler).toContain('createCognitoVerifier');
    const app = createRegisterApp({
      store: createStore({ tableName: 'unused', region: 'eu-west-2', endpoint: 'http://127.0.0.1:9' }),
      clock: () => new Date(),
      render: createRenderer(),
      log: () => {},
      verifier: { verify: async () => Promise.reject(new Error('unused')) },
      archive: createMemoryArchive(),
    });
    const page = await app.request('/sign-in');
    expect(await page.text()).not.toContain('name="email"');
    const post = await app.request('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
      body: 'email=mallory%40example.com&officer=yes',
    });
    expect(post.status).toBe(404);
    expect(post.headers.get('set-cookie')).toBeNull();
  });

  it('prints a token with `register dev-token --email <e> --officer` that the local issuer accepts', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dev-token-'));
    dirs.push(dir);
    let out = '';
    const stdout = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const stderr = new Writable({
      write(_chunk, _enc, done) {
        done();
      },
    });
    const previous = process.env.REGISTER_DATA_DIR;
    process.env.REGISTER_DATA_DIR = dir;
    try {
      const code = await main(['dev-token', '--email', 'cli@example.com', '--officer'], {
        stdin: Readable.from([]),
        stdout,
        stderr,
      });
      expect(code).toBe(0);
      const issuer = await createDevIssuer({ dir });
      expect(await issuer.verifier.verify(out.trim())).toMatchObject({
        email: 'cli@example.com',
        isOfficer: true,
        emailVerified: true,
      });
      expect(await main(['dev-token'], { stdin: Readable.from([]), stdout, stderr })).toBe(2);
    } finally {
      if (previous === undefined) delete process.env.REGISTER_DATA_DIR;
      else process.env.REGISTER_DATA_DIR = previous;
    }
  });

  it("signs with the running register's key when the server has REGISTER_DATA_DIR and the command has not", async () => {
    const serverDir = mkdtempSync(path.join(tmpdir(), 'dev-token-server-'));
    const records = mkdtempSync(path.join(tmpdir(), 'dev-token-record-'));
    dirs.push(serverDir, records);
    const file = path.join(records, 'running.json');
    const server = await createDevIssuer({ dir: serverDir });
    recordRunning({ dataDir: serverDir, url: 'http://localhost:3000', pid: process.pid }, file);
    let out = '';
    const stdout = new Writable({
      write(chunk, _enc, done) {
        out += chunk;
        done();
      },
    });
    const io = { stdin: Readable.from([]), stdout, stderr: stdout };
    expect(await devTokenCommand(['--email', 'ann@example.com'], io, () => devDataDirectory({}, file))).toBe(
      0,
    );
    expect(await server.verifier.verify(out.trim())).toMatchObject({ email: 'ann@example.com' });
    expect(devDataDirectory({ REGISTER_DATA_DIR: records }, file)).toEqual({ dir: records, from: 'env' });
    clearRunning(process.pid, file);
    expect(devDataDirectory({}, file).from).toBe('default');
  });

  it('ignores the record of a register that is no longer running', () => {
    const records = mkdtempSync(path.join(tmpdir(), 'dev-token-record-'));
    dirs.push(records);
    const file = path.join(records, 'running.json');
    // A pid far above any Linux pid_max: no such process.
    recordRunning({ dataDir: '/nowhere', url: 'http://localhost:3000', pid: 2 ** 30 }, file);
    expect(devDataDirectory({}, file)).toEqual({ dir: path.resolve('.data'), from: 'default' });
  });
});
