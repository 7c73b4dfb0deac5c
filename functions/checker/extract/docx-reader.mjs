// A Word document (.docx) as blocks: mammoth turns its paragraphs, headings (Heading 1–6 styles),
// lists and tables into HTML, which is then read as a page is (html-reader.mjs) without
// Readability: all of a Word document is content. Images are left out (only text is checked).
import mammoth from 'mammoth';
import { guardZipEntries } from './guards.mjs';
import { htmlBlocks } from './html-reader.mjs';

const noImages = mammoth.images.imgElement(() => Promise.resolve({ src: '' }));

export async function readDocx(bytes, limits) {
  await guardZipEntries(bytes, limits);
  let html;
  try {
    ({ value: html } = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { convertImage: noImages, ignoreEmptyParagraphs: true },
    ));
  } catch (error) {
    throw Object.assign(new Error(`The Word document could not be read (${error?.name ?? 'error'}).`), {
      reason: 'invalid',
    });
  }
  return htmlBlocks(`<!doctype html><html><body>${html}</body></html>`, limits, { readability: false });
}
