import type { Archive } from '../domain/archive.ts';
import type { Store } from '../store/store.ts';

export interface WorkerDeps {
  store: Store;
  clock: () => Date;
  log: (message: string, detail?: unknown) => void;
  /** The register's copy of statement files (revision.document.archivedFile.key). */
  archive: Archive;
}
