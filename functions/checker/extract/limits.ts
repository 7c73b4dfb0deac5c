import * as z from 'zod';
import { readEnvironment } from '../../config.ts';

/**
 * The hard limits on reading one untrusted document (HTML, PDF, Word). Every extractor runs in a
 * worker thread of a bounded pool (pool.ts) under these; a document over a limit is answered
 * with a problem naming the limit, and never affects another document's answer.
 */
export interface ExtractLimits {
  /** Wall-clock time for one document in its worker; the worker is ended when it is exceeded. */
  timeoutMs: number;
  /** The V8 heap of a worker thread (a bomb runs out of this, not of the process's memory). */
  maxHeapMb: number;
  /** Pages of a PDF read (the rest are left out). */
  maxPages: number;
  /** Total decompressed bytes of a PDF's or a .docx's compressed streams (decompression bombs). */
  maxInflatedMb: number;
  /** Bytes of HTML (a page, or a .docx converted to HTML). */
  maxHtmlBytes: number;
  /** Element nesting depth of HTML. */
  maxDepth: number;
  /** Elements in HTML. */
  maxElements: number;
  /** Attributes in HTML, in all. */
  maxAttributes: number;
  /** Characters of text extracted from one document. */
  maxTextChars: number;
}

export const EXTRACT_LIMITS: ExtractLimits = {
  timeoutMs: 15_000,
  maxHeapMb: 256,
  maxPages: 500,
  maxInflatedMb: 256,
  maxHtmlBytes: 5 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 60_000,
  maxAttributes: 200_000,
  maxTextChars: 2_000_000,
};

const positive = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** The pool's size and the limits can be set from the environment (README, Operations). */
const extractEnvironmentSchema = z.object({
  CHECKER_EXTRACT_WORKERS: positive(2).pipe(z.number().max(16)),
  CHECKER_EXTRACT_TIMEOUT_MS: positive(EXTRACT_LIMITS.timeoutMs),
  CHECKER_EXTRACT_HEAP_MB: positive(EXTRACT_LIMITS.maxHeapMb),
});

export interface ExtractSettings {
  workers: number;
  limits: ExtractLimits;
}

export function readExtractSettings(env: Record<string, string | undefined> = process.env): ExtractSettings {
  const read = readEnvironment(extractEnvironmentSchema, env, 'document reader configuration');
  return {
    workers: read.CHECKER_EXTRACT_WORKERS,
    limits: {
      ...EXTRACT_LIMITS,
      timeoutMs: read.CHECKER_EXTRACT_TIMEOUT_MS,
      maxHeapMb: read.CHECKER_EXTRACT_HEAP_MB,
    },
  };
}
