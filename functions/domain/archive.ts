import { DOCX_TYPE } from '../../schemas/submission.ts';
/**
 * Where the register keeps its own copy of statement documents (so the statement survives when the
 * company's page disappears): S3 in AWS (functions/archive/s3-archive.ts), the data folder
 * locally (functions/local/file-archive.ts).
 */
export interface ArchivedObject {
  body: Uint8Array;
  contentType: string;
}

export interface Archive {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** The object, or undefined when nothing is stored at the key. */
  get(key: string): Promise<ArchivedObject | undefined>;
}

/** Keys are made here: statements/<statement id>/<sha256>.<ext>, so the same file is stored once. */
export function archiveKeyFor(statementId: string, sha256: string, contentType: string): string {
  const extension = contentType === 'application/pdf' ? 'pdf' : contentType === DOCX_TYPE ? 'docx' : 'html';
  return `statements/${statementId}/${sha256}.${extension}`;
}

/** Keys are plain relative paths: letters, digits, '-', '_', '.', '/', no '..'. */
export function isSafeArchiveKey(key: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._/-]{0,500}$/.test(key) && !key.split('/').includes('..');
}

/** An archive in memory, for tests. */
export function createMemoryArchive(): Archive & { objects: Map<string, ArchivedObject> } {
  const objects = new Map<string, ArchivedObject>();
  return {
    objects,
    async put(key, body, contentType) {
      objects.set(key, { body: new Uint8Array(body), contentType });
    },
    async get(key) {
      return objects.get(key);
    },
  };
}
