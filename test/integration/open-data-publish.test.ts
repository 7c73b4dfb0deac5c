import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { createMemoryArchive } from '../../functions/domain/archive.ts';
import { OPEN_DATA_CSV_HEADER, OPEN_DATA_VERSION } from '../../functions/domain/open-data.ts';
import type { OpenDataPublisher } from '../../functions/domain/open-data-publisher.ts';
import { openDataStream } from '../../functions/domain/open-data-stream.ts';
import { keys } from '../../functions/store/keys.ts';
import { listOpenDataLines } from '../../functions/store/public/list-open-data-lines.ts';
import { batchWriteItems } from '../../functions/store/search/batch-write-items.ts';
import { createStore } from '../../functions/store/store.ts';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import { publishOpenData } from '../../functions/worker/publish-open-data.ts';
import { putOrganisation, putStatement } from '../public/fixtures.ts';
import { testApp } from '../support/app.ts';
import { testRegion, useTestTable } from '../support/table.ts';

/** Keeps what it is given, as S3 would, and answers the address it would be served at. */
function memoryPublisher() {
  const files = new Map<string, { contentType: string; text: string }>();
  const publisher: OpenDataPublisher = {
    async publish({ name, contentType, body }) {
      const text = await new Response(body).text();
      files.set(name, { contentType, text });
      return { url: `/assets/open-data/${name}`, bytes: Buffer.byteLength(text) };
    },
  };
  return { files, publisher };
}

describe('publishing the open data as static files', () => {
  const table = useTestTable();
  const deps = (openDataPublisher?: OpenDataPublisher) => ({
    store: table.store,
    clock: () => new Date('2026-11-29T06:15:00.000Z'),
    log: () => {},
    archive: createMemoryArchive(),
    openDataPublisher,
  });

  it('publishes each year’s files exactly as the download streams them, then the download redirects there', async () => {
    const years = new Set<number>();
    for (const name of ['Publish, "Quoted" & Co Ltd', 'Publish Two Ltd']) {
      const statement = await putStatement(table.store, {
        organisation: await putOrganisation(table.store, { name }),
      });
      await reindexStatement(table.store, statement.header.id, { now: () => '2026-01-01T00:00:00.000Z' });
      years.add(statement.header.year);
    }
    const { app } = testApp(table.store);
    const [year] = [...years];
    const streamed = {
      csv: await (await app.request(`/api/v1/downloads/statements-${year}.csv`)).text(),
      jsonl: await (await app.request(`/api/v1/downloads/statements-${year}.jsonl`)).text(),
    };
    expect(streamed.csv).toContain('"Publish, ""Quoted"" & Co Ltd"');

    const { files, publisher } = memoryPublisher();
    const result = await publishOpenData(deps(publisher));
    expect(result.job).toBe('open-data-publish');
    expect(files.get(`statements-${year}.csv`)).toEqual({
      contentType: 'text/csv; charset=utf-8; header=present',
      text: streamed.csv,
    });
    expect(files.get(`statements-${year}.jsonl`)?.text).toBe(streamed.jsonl);

    for (const format of ['csv', 'jsonl']) {
      const response = await app.request(`/api/v1/downloads/statements-${year}.${format}`);
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe(`/assets/open-data/statements-${year}.${format}`);
      expect(response.headers.get('cache-control')).toContain('max-age=300');
    }
    // A year never published still streams.
    expect((await app.request('/api/v1/downloads/statements-2017.csv')).status).toBe(200);
  });

  it('does nothing without a publisher (locally), and downloads keep streaming', async () => {
    expect(await publishOpenData(deps())).toEqual({
      job: 'open-data-publish',
      detail: { skipped: 'no publisher configured' },
    });
  });
});

describe('streaming a year’s open data', () => {
  const table = useTestTable();

  it('reads the year’s pages only as the stream is read, one page ahead at most', async () => {
    const year = 2031;
    await batchWriteItems(
      table.store,
      Array.from({ length: 45 }, (_, i) => ({
        PutRequest: {
          Item: {
            ...keys.openDataLine(year, 'csv', `lazy ${String(i).padStart(2, '0')}`, `S${i}`),
            entity: 'openDataLine',
            v: OPEN_DATA_VERSION,
            z: deflateRawSync(`line ${i}\n`),
          },
        },
      })),
    );
    const store = createStore({
      tableName: table.store.tableName,
      region: testRegion,
      endpoint: table.endpoint,
    });
    let queries = 0;
    store.client.middlewareStack.add(
      (next, context) => (args) => {
        if (context.commandName === 'QueryCommand') queries += 1;
        return next(args);
      },
      { step: 'initialize', name: 'countQueries' },
    );
    try {
      const reader = openDataStream(
        'csv',
        listOpenDataLines(store, year, 'csv', { pageLines: 10 }),
      ).getReader();
      const header = await reader.read();
      expect(new TextDecoder().decode(header.value)).toBe(OPEN_DATA_CSV_HEADER);
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value).split('\n').filter(Boolean)).toHaveLength(10);
      // ReadableStream pulls once ahead of the reader (highWaterMark 1), never the whole year.
      expect(queries).toBeLessThanOrEqual(2);
      let lines = 10;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read())
        lines += new TextDecoder().decode(chunk.value).split('\n').filter(Boolean).length;
      expect(lines).toBe(45);
      expect(queries).toBe(5);
    } finally {
      store.client.destroy();
    }
  });
});
