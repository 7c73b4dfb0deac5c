import { blocksFromLines, linesOf, type Sentence, sentencesFromBlocks } from '../text/sentences.ts';
import { htmlToBlocks } from './html.ts';
import { PDF_LIMITS, readPdf } from './pdf.ts';

/** The largest document the checker reads. Larger inputs are refused before any parsing. */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;
/** The largest pasted text, in characters. */
export const MAX_TEXT_CHARS = 2_000_000;

export type DocumentKind = 'text' | 'html' | 'pdf';

/** What extraction learnt about the document, for the uk-machine-readable finding. */
export interface Extraction {
  kind: DocumentKind | 'unknown';
  sentences: Sentence[];
  /** Set when the text could not be (fully) extracted: why, in plain English. */
  problem?:
    | {
        reason:
          | 'no_text_layer'
          | 'password'
          | 'invalid'
          | 'timeout'
          | 'too_complex'
          | 'unsupported'
          | 'empty'
          | 'too_large';
        message: string;
      }
    | undefined;
  pages?: number | undefined;
  title?: string | undefined;
}

export class DocumentTooLargeError extends Error {}

/** Guesses a document's kind from its first bytes (and its declared type or file name as hints). */
export function sniffKind(bytes: Uint8Array, hint = ''): DocumentKind | 'unknown' {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
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
  const trimmed = text.slice(0, MAX_TEXT_CHARS);
  const sentences = sentencesFromBlocks(blocksFromLines(linesOf(trimmed)));
  return {
    kind: 'text',
    sentences,
    problem: sentences.length ? undefined : { reason: 'empty', message: 'The statement has no text.' },
  };
}

export function extractFromHtml(html: string): Extraction {
  const { title, blocks } = htmlToBlocks(html);
  const sentences = sentencesFromBlocks(blocks);
  return {
    kind: 'html',
    title,
    sentences,
    problem: sentences.length
      ? undefined
      : { reason: 'empty', message: 'The web page has no readable text.' },
  };
}

/** Any document: PDF (text layer with page numbers), HTML (main text) or plain text. */
export async function extractDocument(
  bytes: Uint8Array,
  hint = '',
  limits = PDF_LIMITS,
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
    return {
      kind,
      sentences: [],
      problem: {
        reason: 'unsupported',
        message: 'The document is not text, HTML or PDF, so no text could be read.',
      },
    };
  }
  if (kind === 'text') return extractFromText(new TextDecoder().decode(bytes));
  if (kind === 'html') return extractFromHtml(new TextDecoder().decode(bytes));
  const pdf = await readPdf(bytes, limits);
  if (!pdf.ok) return { kind, sentences: [], problem: { reason: pdf.reason, message: pdf.message } };
  const sentences = sentencesFromBlocks(blocksFromLines(pdf.lines));
  const words = sentences.reduce((n, s) => n + (s.text.match(/\p{L}{2,}/gu) ?? []).length, 0);
  return {
    kind,
    sentences,
    pages: pdf.totalPages,
    problem:
      words < 20
        ? {
            reason: 'no_text_layer',
            message: `The PDF has ${pdf.totalPages} page(s) but no text layer (it may be a scan): its text cannot be read or searched.`,
          }
        : undefined,
  };
}
