import { createHash } from 'node:crypto';
import { type ArchivedFile, DOCX_TYPE } from '../../../schemas/submission.ts';
import type { User } from '../../../schemas/user.ts';
import { isWordDocx, isZip } from '../../checker/extract/word-sniff.ts';
import { type Archive, archiveKeyFor } from '../archive.ts';
import { invalid, tooLarge, unsupportedMediaType } from '../errors.ts';
import {
  attachArchivedFile,
  type StatementWriteResult,
  type SubmissionDeps,
  statementActedFor,
} from './statements.ts';

export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/**
 * What the bytes are, whatever the upload claims: a PDF starts "%PDF-"; a Word .docx is a zip
 * holding word/document.xml (isWordDocx, as the checker reads it); HTML starts with a tag.
 */
export function sniffDocumentType(bytes: Uint8Array): ArchivedFile['contentType'] | undefined {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  if (head.startsWith('%PDF-')) return 'application/pdf';
  if (isZip(bytes)) return isWordDocx(bytes) ? DOCX_TYPE : undefined;
  const start = head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(!doctype html|html|head|body|!--|meta|title|p|div|h1|main|article)[\s>]/.test(start))
    return 'text/html';
  return undefined;
}

/**
 * Keeps the register's copy of the statement's file (PDF, Word .docx or HTML, at most 10 MB) and records it on
 * the draft as `document.archivedFile`, where the checker finds it once submitted.
 */
export async function archiveStatementFile(
  deps: SubmissionDeps & { archive: Archive },
  user: User,
  id: string,
  upload: { bytes: Uint8Array; fileName?: string | undefined },
  ifMatch: string | undefined,
): Promise<StatementWriteResult & { archivedFile: ArchivedFile }> {
  // Authorise before storing anything.
  await statementActedFor(deps.store, user, id);
  if (upload.bytes.byteLength === 0)
    throw invalid([{ path: '/file', message: 'The selected file is empty' }]);
  if (upload.bytes.byteLength > MAX_DOCUMENT_BYTES) throw tooLarge('The file must be at most 10 MB.');
  const contentType = sniffDocumentType(upload.bytes);
  if (!contentType)
    throw unsupportedMediaType('The file must be a PDF, a Word (.docx) document or an HTML page.');
  const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
  const key = archiveKeyFor(id, sha256, contentType);
  await deps.archive.put(key, upload.bytes, contentType);
  const archivedFile: ArchivedFile = {
    key,
    contentType,
    bytes: upload.bytes.byteLength,
    sha256,
    ...(upload.fileName ? { fileName: upload.fileName.slice(0, 255) } : {}),
    uploadedAt: deps.clock().toISOString(),
  };
  const result = await attachArchivedFile(deps, user, id, ifMatch, archivedFile);
  return { ...result, archivedFile };
}

/** How the pages name a file's kind: "PDF", "Word" or "HTML". */
export function documentKindName(contentType: string): 'PDF' | 'Word' | 'HTML' {
  if (contentType === 'application/pdf') return 'PDF';
  return contentType === DOCX_TYPE ? 'Word' : 'HTML';
}
