// Cheap checks run in the worker before a document is parsed: they refuse it with a reason naming
// the limit crossed instead of letting a parser spend minutes or gigabytes on it.
import { createInflate, createInflateRaw } from 'node:zlib';
import { Parser } from 'htmlparser2';

export class LimitError extends Error {
  constructor(reason, message) {
    super(message);
    this.reason = reason;
  }
}

const count = (n) => n.toLocaleString('en-GB');

/** Counts the HTML's depth, elements, attributes and text with a streaming tokenizer (linear, no tree). */
export function guardHtml(html, limits) {
  if (html.length > limits.maxHtmlBytes)
    throw new LimitError(
      'too_large',
      `The HTML is larger than ${count(limits.maxHtmlBytes / 1024 / 1024)} MB, the most the checker reads.`,
    );
  let depth = 0;
  let elements = 0;
  let attributes = 0;
  let text = 0;
  let raw = 0;
  const parser = new Parser(
    {
      onopentag(name) {
        depth++;
        elements++;
        if (name === 'script' || name === 'style') raw++;
        if (depth > limits.maxDepth)
          throw new LimitError(
            'too_deep',
            `The HTML nests elements more than ${count(limits.maxDepth)} levels deep, the most the checker reads.`,
          );
        if (elements > limits.maxElements)
          throw new LimitError(
            'too_many_nodes',
            `The HTML has more than ${count(limits.maxElements)} elements, the most the checker reads.`,
          );
      },
      onclosetag(name) {
        depth--;
        if ((name === 'script' || name === 'style') && raw > 0) raw--;
      },
      onattribute() {
        attributes++;
        if (attributes > limits.maxAttributes)
          throw new LimitError(
            'too_many_nodes',
            `The HTML has more than ${count(limits.maxAttributes)} attributes, the most the checker reads.`,
          );
      },
      ontext(chunk) {
        if (raw > 0) return;
        text += chunk.length;
        if (text > limits.maxTextChars) throw tooMuchText(limits);
      },
    },
    { decodeEntities: false },
  );
  parser.end(html);
}

export const tooMuchText = (limits) =>
  new LimitError(
    'too_much_text',
    `The document has more than ${count(limits.maxTextChars)} characters of text, the most the checker reads.`,
  );

/** Throws when the text extracted so far is over the limit. */
export function guardText(chars, limits) {
  if (chars > limits.maxTextChars) throw tooMuchText(limits);
}

const tooMuchInflated = (limits, what) =>
  new LimitError(
    'too_much_inflated',
    `The ${what} decompresses to more than ${count(limits.maxInflatedMb)} MB (it may be a decompression bomb), the most the checker reads.`,
  );

/** How many bytes `data` inflates to, stopping once past `budget`; 0 when it is not deflate data. */
function inflatedSize(data, raw, budget) {
  return new Promise((resolve) => {
    const inflate = raw ? createInflateRaw() : createInflate();
    let total = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inflate.destroy();
      resolve(total);
    };
    inflate.on('data', (chunk) => {
      total += chunk.length;
      if (total > budget) finish();
    });
    inflate.on('end', finish);
    inflate.on('error', finish);
    inflate.end(data);
  });
}

const STREAM = Buffer.from('stream');
const END_STREAM = Buffer.from('endstream');

/**
 * Inflates every stream of a PDF natively, counting and discarding the output, so a bomb is
 * refused in a fraction of a second instead of being inflated by the PDF reader in JavaScript.
 */
export async function guardPdfStreams(bytes, limits) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = limits.maxInflatedMb * 1024 * 1024;
  let total = 0;
  let at = buffer.indexOf(STREAM);
  while (at !== -1) {
    const isEnd = at >= 3 && buffer.toString('latin1', at - 3, at) === 'end';
    let start = at + STREAM.length;
    if (!isEnd) {
      if (buffer[start] === 0x0d) start++;
      if (buffer[start] === 0x0a) start++;
      const end = buffer.indexOf(END_STREAM, start);
      const data = buffer.subarray(start, end === -1 ? buffer.length : end);
      total += await inflatedSize(data, false, budget - total);
      if (total > budget) throw tooMuchInflated(limits, 'PDF');
      start = end === -1 ? buffer.length : end + END_STREAM.length;
    }
    at = buffer.indexOf(STREAM, start);
  }
}

const LOCAL_HEADER = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The same for a zip (.docx): every deflated entry, whatever sizes its headers claim. */
export async function guardZipEntries(bytes, limits) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const budget = limits.maxInflatedMb * 1024 * 1024;
  let total = 0;
  let at = buffer.indexOf(LOCAL_HEADER);
  while (at !== -1 && at + 30 <= buffer.length) {
    const method = buffer.readUInt16LE(at + 8);
    const compressed = buffer.readUInt32LE(at + 18);
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    if (method === 8) {
      const data = buffer.subarray(start, compressed > 0 ? start + compressed : buffer.length);
      total += await inflatedSize(data, true, budget - total);
    } else if (method === 0) total += compressed;
    if (total > budget) throw tooMuchInflated(limits, 'Word document');
    at = buffer.indexOf(LOCAL_HEADER, start);
  }
}
