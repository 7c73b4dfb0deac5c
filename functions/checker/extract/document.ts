import * as z from 'zod';
import { cleanFreeText, freeText } from '../../../schemas/free-text.ts';
import {
  type Block,
  blocksFromLines,
  linesOf,
  type Sentence,
  sentencesFromBlocks,
} from '../text/sentences.ts';
import { EXTRACT_LIMITS, type ExtractLimits } from './limits.ts';
import { blocksFromPdf } from './pdf-layout.ts';
import { extractPool, type WorkerKind } from './pool.ts';
import { MIN_READABLE_WORDS, readableWords } from './readable.ts';
import { isWordDocx, isZip } from './word-sniff.ts';

/** The largest document the checker reads. Larger inputs are refused before any parsing. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** The largest pasted text, in characters. */
export const MAX_TEXT_CHARS = 2_000_000;

export type DocumentKind = 'text' | 'html' | 'pdf' | 'docx';

/** Why a document's text could not be (fully) read; the limits' reasons name the limit crossed. */
export const extractionProblemReasons = [
  'no_text_layer',
  'password',
  'invalid',
  'unsupported',
  'empty',
  'too_large',
  'too_deep',
  'too_many_nodes',
  'too_much_text',
  'too_much_inflated',
  'timeout',
  'memory',
] as const;
export type ExtractionProblemReason = (typeof extractionProblemReasons)[number];

/** What extraction learnt about the document, for the uk-machine-readable finding. */
export interface Extraction {
  kind: DocumentKind | 'unknown';
  sentences: Sentence[];
  /** Set when the text could not be (fully) extracted: why, in plain English. */
  problem?: { reason: ExtractionProblemReason; message: string } | undefined;
  pages?: number | undefined;
  title?: string | undefined;
}

export class DocumentTooLargeError extends Error {}

/** Guesses a document's kind from its bytes (and its declared type or file name as hints). */
export function sniffKind(bytes: Uint8Array, hint = ''): DocumentKind | 'unknown' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  // A zip is read only when it is a Word document.
  if (isZip(bytes)) return isWordDocx(bytes) ? 'docx' : 'unknown';
  if (/pdf/i.test(hint) && !/html|text/i.test(hint)) return 'pdf';
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) if (byte === 0 || (byte < 9 && byte !== 0)) control++;
  if (control > 0) return 'unknown';
  const text = new TextDecoder('utf-8', { fatal: false }).decode(sample);
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  if (replacement > sample.length / 50) return 'unknown';
  if (
    /^\s*(<!doctype html|<html|<head|<body|<meta|<div|<p[\s>]|<article|<section)/i.test(text) ||
    /html/i.test(hint)
  ) {
    return 'html';
  }
  return 'text';
}

export function extractFromText(text: string): Extraction {
  const trimmed = cleanFreeText(text.slice(0, MAX_TEXT_CHARS));
  const sentences = sentencesFromBlocks(blocksFromLines(linesOf(trimmed)));
  return {
    kind: 'text',
    sentences,
    problem: sentences.length ? undefined : { reason: 'empty', message: 'The statement has no text.' },
  };
}

const blockSchema: z.ZodType<Block> = z.object({
  kind: z.enum(['heading', 'paragraph', 'fragment', 'list_item', 'table_row']),
  text: freeText(),
  level: z.number().int().min(1).max(6).optional(),
  cells: z.array(freeText()).optional(),
  headerCells: z.array(freeText()).optional(),
});
const failedSchema = z.object({
  ok: z.literal(false),
  reason: z.enum(extractionProblemReasons),
  message: z.string(),
});
const blocksAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), title: z.string().optional(), blocks: z.array(blockSchema) }),
  failedSchema,
]);
const pdfAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    totalPages: z.number().int(),
    pages: z.array(
      z.object({
        page: z.number().int(),
        lines: z.array(
          z.object({
            t: freeText(),
            s: z.number(),
            x: z.number(),
            y: z.number(),
            c: z.array(freeText()).optional(),
            b: z.boolean().optional(),
            bs: z.boolean().optional(),
          }),
        ),
      }),
    ),
  }),
  failedSchema,
]);

type Failed = z.infer<typeof failedSchema>;

/** Reads the bytes in the pool's worker and validates its answer with `schema`. */
async function inWorker<Schema extends z.ZodType<{ ok: true } | Failed>>(
  kind: WorkerKind,
  bytes: Uint8Array,
  limits: ExtractLimits,
  schema: Schema,
): Promise<z.output<Schema> | Failed> {
  const outcome = await extractPool().run(kind, bytes, limits);
  if (!outcome.ok) return { ok: false, reason: outcome.reason, message: outcome.message };
  const parsed = schema.safeParse(outcome.answer);
  return parsed.success
    ? parsed.data
    : { ok: false, reason: 'invalid', message: 'The document could not be read.' };
}

const failure = (kind: DocumentKind, problem: Failed): Extraction => ({
  kind,
  sentences: [],
  problem: { reason: problem.reason, message: problem.message },
});

async function extractBlocks(
  kind: 'html' | 'docx',
  bytes: Uint8Array,
  limits: ExtractLimits,
): Promise<Extraction> {
  const answer = await inWorker(kind, bytes, limits, blocksAnswerSchema);
  if (!answer.ok) return failure(kind, answer);
  const sentences = sentencesFromBlocks(answer.blocks);
  return {
    kind,
    title: answer.title,
    sentences,
    problem: sentences.length
      ? undefined
      : {
          reason: 'empty',
          message: kind === 'html' ? 'The web page has no readable text.' : 'The Word document has no text.',
        },
  };
}

/** The main text of an HTML page, read in a worker thread under the limits. */
export function extractFromHtml(html: string, limits = EXTRACT_LIMITS): Promise<Extraction> {
  return extractBlocks('html', new TextEncoder().encode(html), limits);
}

/**
 * Any document: PDF (text layer with page numbers), Word (.docx), HTML (main text) or plain text.
 * Everything but plain text is parsed in a worker thread under `limits`.
 */
export async function extractDocument(
  bytes: Uint8Array,
  hint = '',
  limits: ExtractLimits = EXTRACT_LIMITS,
): Promise<Extraction> {
  if (bytes.byteLength > MAX_DOCUMENT_BYTES) {
    throw new DocumentTooLargeError(`The document is larger than ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB.`);
  }
  if (bytes.byteLength === 0) {
    return {
      kind: 'unknown',
      sentences: [],
      problem: { reason: 'empty', message: 'The document is empty.' },
    };
  }
  const kind = sniffKind(bytes, hint);
  if (kind === 'unknown') {
    const oldWord = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    return {
      kind,
      sentences: [],
      problem: {
        reason: 'unsupported',
        message: oldWord
          ? 'The document is in an old binary format (such as Word .doc), which the checker does not read: save it as PDF or .docx.'
          : 'The document is not text, HTML, PDF or Word (.docx), so no text could be read.',
      },
    };
  }
  if (kind === 'text') return extractFromText(new TextDecoder().decode(bytes));
  if (kind === 'html' || kind === 'docx') return extractBlocks(kind, bytes, limits);
  const pdf = await inWorker('pdf', bytes, limits, pdfAnswerSchema);
  if (!pdf.ok) return failure(kind, pdf);
  const sentences = sentencesFromBlocks(blocksFromPdf(pdf.pages));
  const words = readableWords(sentences);
  return {
    kind,
    sentences,
    pages: pdf.totalPages,
    problem:
      words < MIN_READABLE_WORDS
        ? {
            reason: 'no_text_layer',
            message: `The PDF has ${pdf.totalPages} page(s) but no text layer (it may be a scan): its text cannot be read or searched.`,
          }
        : undefined,
  };
}
