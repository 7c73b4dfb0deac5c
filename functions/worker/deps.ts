import type { Archive } from '../domain/archive.ts';
import type { OpenDataPublisher } from '../domain/open-data-publisher.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { FetchPolicy } from '../store/gov-import/claim-fetch.ts';
import type { Store } from '../store/store.ts';

export interface WorkerDeps {
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
  /** The register's copy of statement files (revision.document.archivedFile.key). */
  archive: Archive;
  /** Sends the outbox's reminder and overdue notices (SES in AWS, files locally); none: notices wait. */
  mailer?: Mailer | undefined;
  /** The public site's address, for links in notices. */
  publicBaseUrl?: string | undefined;
  /** Publishes each year's open data as a static file (S3 in AWS); none locally: downloads stream. */
  openDataPublisher?: OpenDataPublisher | undefined;
  /**
   * How statements imported from the government registry get their documents: fetched politely
   * within this per-host rate and daily budget (AWS); none (locally, offline): they are marked
   * "document not fetched" and not checked.
   */
  importedFetch?: FetchPolicy | undefined;
}
