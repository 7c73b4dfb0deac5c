/**
 * What reading fonts' names costs PDF extraction (`functions/checker/extract/pdf-reader.mjs` builds
 * a page's operator list only for pages that bring a font not seen before, images not decoded).
 * Two generated 30-page PDFs, each with a body-size bold sub-heading every six lines: `shared`
 * (one regular and one bold font for the whole document: one operator list) and `per-page` (a
 * new pair of font objects and a full-page picture on every page, as some producers write: 30
 * operator lists). Prints the CPU time of `extractDocument` (every thread of the process, so a
 * loaded machine inflates it less than wall time), median of 7 after one warm-up.
 * Run alone: `npx tsx bench/pdf-fonts.ts`.
 */
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { extractDocument } from '../functions/checker/extract/document.ts';
import { scanPng } from '../test/checker/fixtures.ts';

const LINES = [
  'During the year we carried out 96 unannounced audits of tier 1 factories and followed up.',
  'Every new supplier completes a questionnaire on labour practices before it is approved.',
  'We trained buyers, store managers and warehouse supervisors to recognise forced labour.',
  'Workers can raise concerns through a confidential hotline available in twelve languages.',
];

async function thirtyPages(perPage: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const picture = perPage ? await pdf.embedPng(scanPng(1200, 900)) : undefined;
  let regular = await pdf.embedFont(StandardFonts.Helvetica);
  let bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let p = 0; p < 30; p++) {
    if (perPage && p > 0) {
      regular = await pdf.embedFont(StandardFonts.Helvetica);
      bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    }
    const page = pdf.addPage([595, 842]);
    if (picture) page.drawImage(picture, { x: 40, y: 500, width: 400, height: 300 });
    let y = picture ? 480 : 800;
    for (let i = 0; y > 60; i++) {
      if (i % 6 === 0) {
        page.drawText(`What we did in area ${i}`, { x: 40, y, size: 10, font: bold });
        y -= 13;
      }
      page.drawText(LINES[(p * 7 + i) % LINES.length]!, { x: 40, y, size: 10, font: regular });
      y -= 13;
    }
  }
  return pdf.save();
}

export async function benchPdfFonts(): Promise<string> {
  const lines: string[] = [];
  for (const [name, perPage] of [
    ['shared', false],
    ['per-page', true],
  ] as const) {
    const bytes = await thirtyPages(perPage);
    let sentences = (await extractDocument(bytes)).sentences.length;
    const cpu: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = process.cpuUsage();
      sentences = (await extractDocument(bytes)).sentences.length;
      const used = process.cpuUsage(start);
      cpu.push((used.user + used.system) / 1000);
    }
    cpu.sort((a, b) => a - b);
    lines.push(
      `- ${name} fonts (${(bytes.byteLength / 1024).toFixed(0)} KB, ${sentences} sentences): **CPU median ${cpu[3]!.toFixed(0)} ms** (min ${cpu[0]!.toFixed(0)}, max ${cpu[6]!.toFixed(0)})`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  benchPdfFonts().then((text) => console.log(text));
}
