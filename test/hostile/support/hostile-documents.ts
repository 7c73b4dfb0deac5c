import { deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';

/**
 * A PDF bomb as an attacker sends it: about 1 MB that inflates to `streams` × 64 MB of zeros
 * (1 GiB by default), in separate content streams of one page.
 */
export async function zeroBombPdf(streams = 16): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  page.drawText('x', { x: 10, y: 10, size: 10, font: await pdf.embedFont(StandardFonts.Helvetica) });
  const zeros = deflateSync(Buffer.alloc(64 * 1024 * 1024), { level: 9 });
  const refs = Array.from({ length: streams }, () => {
    const stream = PDFRawStream.of(pdf.context.obj({ Filter: 'FlateDecode', Length: zeros.length }), zeros);
    return pdf.context.register(stream);
  });
  page.node.set(PDFName.of('Contents'), pdf.context.obj(refs));
  return pdf.save();
}

/** `depth` nested divs around one sentence (2,000 levels: 11 KB). */
export const nestedDivs = (depth: number) =>
  `<!doctype html><html><body>${'<div>'.repeat(depth)}We audited our suppliers.${'</div>'.repeat(depth)}</body></html>`;

/** A page of `count` short paragraphs (240,000: 2.6 MB). */
export const manyParagraphs = (count: number) =>
  `<!doctype html><html><body>${'<p>a</p>'.repeat(count)}</body></html>`;
