import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../functions/cli/main.ts';
import { rateLimitsAllowing } from '../../functions/domain/rate-limits.ts';
import { type LocalRegister, startLocalRegister } from '../../functions/local/server.ts';
import { dynamoEndpoint } from '../support/dynamo.ts';
import { validDocument } from '../support/submissions.ts';

const now = new Date('2026-11-29T12:00:00.000Z');

function io() {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const err: string[] = [];
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  return { io: { stdin: new PassThrough(), stdout, stderr }, err };
}

async function startRegister(tableName: string, trusting?: LocalRegister) {
  return startLocalRegister({
    // One address makes every request here: limits for people would stop the run.
    limits: rateLimitsAllowing(1_000_000),
    ...(trusting ? { devIssuer: trusting.devIssuer } : {}),
    port: 0,
    dynamoEndpoint: dynamoEndpoint(),
    tableName,
    pollStream: false,
    quiet: true,
    clock: () => now,
  });
}

describe('export and restore of the whole register', () => {
  let source: LocalRegister;
  let restored: LocalRegister;
  const folder = mkdtempSync(path.join(tmpdir(), 'register-backup-'));
  const suffix = Date.now().toString(36);

  beforeAll(async () => {
    source = await startRegister(`backup-source-${suffix}`);
    restored = await startRegister(`backup-restored-${suffix}`, source);
  });
  afterAll(async () => {
    await source?.stop();
    await restored?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('gives identical API answers after `register export` and `register import` into an empty table', {
    timeout: 90_000,
  }, async () => {
    const officer = await source.devIssuer.sign({ email: 'olive@officers.example', officer: true });
    const submitter = await source.devIssuer.sign({ email: 'sam@harbour.example', officer: false });
    const call = async (
      register: LocalRegister,
      method: string,
      url: string,
      token?: string,
      body?: unknown,
    ) => {
      const response = await fetch(`${register.url}${url}`, {
        method,
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, text: await response.text() };
    };
    const organisation = JSON.parse(
      (
        await call(source, 'POST', '/api/v1/organisations', officer, {
          name: 'Harbour Foods Ltd',
          companyNumber: '01234567',
          entityType: 'company',
          financialYearEnd: '03-31',
        })
      ).text,
    );
    await call(source, 'POST', '/api/v1/enrolments', submitter, { code: organisation.enrolmentCode });
    const statement = JSON.parse(
      (
        await call(source, 'POST', `/api/v1/organisations/${organisation.id}/statements`, submitter, {
          ...validDocument({
            statementText:
              'This statement was approved by the Board of Directors on 15 July 2026. We audited 40 suppliers in Spain.',
          }),
          submit: true,
        })
      ).text,
    );
    await source.poller.drain();

    const file = path.join(folder, 'register.jsonl');
    const exported = io();
    expect(
      await main(
        ['export', '--file', file, '--endpoint', dynamoEndpoint(), '--table', `backup-source-${suffix}`],
        exported.io,
      ),
    ).toBe(0);
    const imported = io();
    expect(
      await main(
        ['import', '--file', file, '--endpoint', dynamoEndpoint(), '--table', `backup-restored-${suffix}`],
        imported.io,
      ),
    ).toBe(0);
    expect(imported.err.join('')).toMatch(/Imported \d+ items/);
    // As in AWS, where the restored table's worker may be attached while the import runs: it
    // reads the import's own inserts and must leave the already-derived items as they are.
    await restored.poller.drain();

    const reads: [string, string | undefined][] = [
      ['/api/v1/statements?q=harbour', undefined],
      ['/api/v1/statements?companyNumber=01234567', undefined],
      [`/api/v1/statements/${statement.id}`, undefined],
      [`/api/v1/statements/${statement.id}/revisions/1`, undefined],
      [`/api/v1/organisations/${organisation.id}`, undefined],
      ['/api/v1/downloads/statements-2026.csv', undefined],
      ['/api/v1/downloads/statements-2026.jsonl', undefined],
      ['/api/v1/flags', officer],
      ['/api/v1/compliance/summary?year=2026', officer],
      ['/api/v1/statistics', undefined],
      ['/api/v1/me', submitter],
    ];
    for (const [url, token] of reads) {
      const before = await call(source, 'GET', url, token);
      const after = await call(restored, 'GET', url, token);
      expect(before.status, url).toBe(200);
      expect(after, url).toEqual(before);
    }
  });
});
