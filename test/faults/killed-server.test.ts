import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { createDevIssuer } from '../../functions/local/dev-issuer.ts';
import { freePort } from '../../functions/local/dynamodb-local.ts';
import { ensureTable } from '../../functions/store/ensure-table.ts';
import { keys } from '../../functions/store/keys.ts';
import { listStatementsOfOrganisation } from '../../functions/store/statements/list-statements-of-organisation.ts';
import { createStore } from '../../functions/store/store.ts';
import { testApp } from '../support/app.ts';
import { dynamoEndpoint } from '../support/dynamo.ts';
import { enrolledOrganisation, validDocument } from '../support/submissions.ts';
import { testRegion } from '../support/table.ts';

/**
 * The real local server in its own process (the `npm start` server, on the run's DynamoDB
 * Local), SIGKILLed while submissions are in flight, then restarted on the same data. Every
 * submission that got no 2xx answer is retried with its Idempotency-Key; afterwards each is
 * stored exactly once, whole, and visible through the API.
 */
const SUBMISSIONS = 12;
const CHILD = path.join(import.meta.dirname, 'support/local-server-child.ts');

const created = z.object({ id: z.string() });

describe('a local server killed mid-submission', { timeout: 120_000 }, () => {
  const endpoint = dynamoEndpoint();
  const tableName = `killed-${ulid()}`;
  const store = createStore({ tableName, region: testRegion, endpoint });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'register-killed-'));
  let port = 0;
  let server: ChildProcess | undefined;

  async function startServer(): Promise<string> {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], {
      env: {
        ...process.env,
        PORT: String(port),
        REGISTER_DATA_DIR: dataDir,
        DYNAMODB_ENDPOINT: endpoint,
        TABLE_NAME: tableName,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server = child;
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    return new Promise((resolve, reject) => {
      let stdout = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const ready = /ready (\S+)/.exec(stdout);
        if (ready?.[1]) resolve(ready[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
    });
  }

  function kill(): Promise<void> {
    const child = server;
    if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }

  beforeAll(async () => {
    await ensureTable(store.client, tableName);
    port = await freePort();
  });
  afterAll(async () => {
    await kill();
    await store.client.send(new DeleteTableCommand({ TableName: tableName }));
    store.client.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every accepted submission exactly once, whole and visible, after a SIGKILL and retries', async () => {
    // The server's development issuer reads its keys from the data folder: made here first.
    const issuer = await createDevIssuer({ dir: dataDir });
    // The server starts while the organisations are added through the in-process app, on the same table.
    const starting = startServer();
    const { app } = testApp(store);
    const call = async (method: string, route: string, token: string, body: unknown, extra = {}) =>
      fetch(`${url}${route}`, {
        method,
        headers: { authorization: token, 'content-type': 'application/json', ...extra },
        body: JSON.stringify(body),
      });

    const runTag = ulid().slice(-6).toLowerCase();
    const organisations = await Promise.all(
      Array.from({ length: SUBMISSIONS }, async (_, n) => {
        const email = `submitter${n}@killed.example`;
        const organisation = await enrolledOrganisation(app, email, { name: `Killtest ${runTag} ${n} Ltd` });
        const token = `Bearer ${await issuer.sign({ email, officer: false })}`;
        return { id: organisation.id, token, key: `killed-${runTag}-${n}` };
      }),
    );

    let url = await starting;
    const submit = async (o: (typeof organisations)[number]) => {
      try {
        const response = await call(
          'POST',
          `/api/v1/organisations/${o.id}/statements`,
          o.token,
          { ...validDocument(), submit: true },
          { 'idempotency-key': o.key },
        );
        const text = await response.text();
        return { status: response.status, id: response.ok ? created.parse(JSON.parse(text)).id : undefined };
      } catch {
        return { status: 0, id: undefined }; // the connection died with the server
      }
    };

    // Every submission at once; the server is killed as soon as the first is answered.
    let answered = 0;
    let killing: Promise<void> | undefined;
    const firstAnswers = await Promise.all(
      organisations.map(async (o) => {
        const answer = await submit(o);
        answered++;
        if (answered === 1) killing = kill();
        return answer;
      }),
    );
    await killing;
    const accepted = firstAnswers.filter((a) => a.status === 201).length;
    const lost = firstAnswers.filter((a) => a.status === 0).length;
    // The kill landed mid-way: some answers came, some connections died.
    expect(accepted).toBeGreaterThan(0);
    expect(lost).toBeGreaterThan(0);
    expect(firstAnswers.every((a) => a.status === 201 || a.status === 0)).toBe(true);

    url = await startServer();
    const finalIds = await Promise.all(
      organisations.map(async (o, i) => {
        const first = firstAnswers[i];
        if (first?.status === 201) {
          // Retrying an answered submission with its key replays the same answer.
          const replay = await submit(o);
          expect(replay).toEqual(first);
          return first.id;
        }
        const retried = await submit(o);
        expect(retried.status).toBe(201);
        return retried.id;
      }),
    );

    const get = async (key: Record<string, string>) =>
      (await store.doc.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;
    await Promise.all(
      organisations.map(async (o, i) => {
        const id = finalIds[i];
        if (!id) throw new Error(`no statement for ${o.id}`);
        // Exactly once: one statement for the organisation, the one the API answered.
        const statements = await listStatementsOfOrganisation(store, o.id);
        expect(statements.map((s) => s.id)).toEqual([id]);
        // Whole: header, its submitted revision and the year's marker.
        const header = await get(keys.statement(id));
        expect(header).toMatchObject({ status: 'submitted', revision: 1, organisationId: o.id });
        expect(await get(keys.revision(id, 1))).toMatchObject({ status: 'submitted', statementId: id });
        expect(await get(keys.statementForYear(o.id, 2026))).toMatchObject({ statementId: id });
        // Visible through the API.
        const read = await fetch(`${url}/api/v1/statements/${id}`);
        expect(read.status).toBe(200);
        await read.arrayBuffer();
      }),
    );

    // The restarted stream worker catches up: every statement is found by search.
    const deadline = Date.now() + 45_000;
    let found: string[] = [];
    while (Date.now() < deadline) {
      const search = await fetch(`${url}/api/v1/statements?q=killtest+${runTag}&year=2026&limit=100`);
      const body = z.object({ items: z.array(z.object({ id: z.string() })) }).parse(await search.json());
      found = body.items.map((item) => item.id);
      if (found.length >= SUBMISSIONS) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(found.sort()).toEqual([...finalIds].sort());
  });
});
