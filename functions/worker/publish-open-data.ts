import { OPEN_DATA_CONTENT_TYPES } from '../domain/open-data.ts';
import type { OpenDataPublisher } from '../domain/open-data-publisher.ts';
import { openDataStream } from '../domain/open-data-stream.ts';
import { getStatistics } from '../store/public/get-statistics.ts';
import { listOpenDataLines } from '../store/public/list-open-data-lines.ts';
import { putOpenDataPublication } from '../store/public/open-data-publication.ts';
import type { DailyJobResult } from './daily-jobs.ts';
import type { WorkerDeps } from './deps.ts';

/**
 * Daily: publishes every reporting year's CSV and JSON lines as static files (AWS), streamed from
 * the stored lines, and records where each is; the download route then redirects there. Without
 * a publisher (locally) it does nothing and the route streams the lines itself. Safe to run
 * twice: a second run publishes the same files again.
 */
export async function publishOpenData(
  deps: WorkerDeps & { openDataPublisher?: OpenDataPublisher | undefined },
): Promise<DailyJobResult> {
  const publisher = deps.openDataPublisher;
  if (!publisher) return { job: 'open-data-publish', detail: { skipped: 'no publisher configured' } };
  const { years } = await getStatistics(deps.store);
  const published: { file: string; bytes: number }[] = [];
  for (const { year } of years) {
    for (const format of ['csv', 'jsonl'] as const) {
      const name = `statements-${year}.${format}`;
      const { url, bytes } = await publisher.publish({
        name,
        contentType: OPEN_DATA_CONTENT_TYPES[format],
        body: openDataStream(format, listOpenDataLines(deps.store, year, format)),
      });
      await putOpenDataPublication(deps.store, {
        year,
        format,
        url,
        bytes,
        publishedAt: deps.clock().toISOString(),
      });
      published.push({ file: name, bytes });
    }
  }
  return { job: 'open-data-publish', detail: { published } };
}
