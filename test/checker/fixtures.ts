import { crc32, deflateSync } from 'node:zlib';
import { PDFDocument, PDFName, PDFRawStream, StandardFonts } from 'pdf-lib';

/** A real PDF with a text layer: each page gets its lines, wrapped at `width` characters. */
export async function textPdf(pages: string[][], options: { width?: number } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const width = options.width ?? 95;
  for (const paragraphs of pages) {
    const page = pdf.addPage([595, 842]);
    let y = 800;
    for (const paragraph of paragraphs) {
      const lines: string[] = [];
      let line = '';
      for (const word of paragraph.split(' ')) {
        if ((line + word).length > width) {
          lines.push(line.trim());
          line = '';
        }
        line += `${word} `;
      }
      if (line.trim()) lines.push(line.trim());
      for (const text of lines) {
        if (y < 40) break;
        page.drawText(text, { x: 40, y, size: 10, font });
        y -= 13;
      }
      y -= 13;
    }
  }
  return pdf.save({ useObjectStreams: false });
}

/** A PDF whose pages hold only a drawn shape: no text layer, as a scan would be. */
export async function imageOnlyPdf(pageCount = 2): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pageCount; i++) {
    const page = pdf.addPage([595, 842]);
    page.drawRectangle({ x: 50, y: 50, width: 400, height: 600 });
  }
  return pdf.save();
}

/** A greyscale PNG of `width` × `height` pixels: grey lines of "print" on white, as a scanner gives. */
export function scanPng(width: number, height: number): Uint8Array {
  const rows = Buffer.alloc((width + 1) * height, 255);
  for (let y = 0; y < height; y++) {
    rows[y * (width + 1)] = 0; // no filter
    if (y % 24 < 10)
      for (let x = 40; x < width - 40; x++) if ((x * 7 + y) % 11 < 6) rows[y * (width + 1) + 1 + x] = 60;
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A scanned statement: every page one full-page image and no text layer. */
export async function scannedPdf(pageCount = 2): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(scanPng(620, 877));
  for (let i = 0; i < pageCount; i++)
    pdf.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  return pdf.save();
}

/**
 * A "PDF bomb": a small file whose page content stream inflates to `inflatedMb` MB of text
 * operators. Reading it must end with a clear answer within the limits, not exhaust the process.
 */
export async function pdfBomb(inflatedMb = 400): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([595, 842]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('x', { x: 10, y: 10, size: 10, font });
  const chunk = Buffer.from(
    'BT /F1 10 Tf 10 10 Td (aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa) Tj ET\n'.repeat(1000),
  );
  const repeats = Math.ceil((inflatedMb * 1024 * 1024) / chunk.length);
  const inflated = Buffer.concat(Array.from({ length: repeats }, () => chunk));
  const stream = PDFRawStream.of(
    pdf.context.obj({ Filter: 'FlateDecode', Length: 0 }),
    deflateSync(inflated, { level: 9 }),
  );
  stream.dict.set(PDFName.of('Length'), pdf.context.obj(stream.contents.length));
  const ref = pdf.context.register(stream);
  page.node.set(PDFName.of('Contents'), ref);
  return pdf.save();
}

/** A PDF that declares encryption (a password-protected file, as far as a reader can tell). */
export async function encryptedPdf(): Promise<Uint8Array> {
  const bytes = await textPdf([['Secret statement text that cannot be read without the password.']]);
  const text = Buffer.from(bytes).toString('latin1');
  // An /Encrypt dictionary in the trailer with a user password check that will not match.
  const encrypt =
    '<< /Filter /Standard /V 1 /R 2 /O (0123456789abcdef0123456789abcdef) /U (fedcba9876543210fedcba9876543210) /P -4 >>';
  const patched = text.replace(
    /trailer\s*<<\s*/,
    `trailer\n<< /Encrypt ${encrypt} /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] `,
  );
  return new Uint8Array(Buffer.from(patched, 'latin1'));
}
