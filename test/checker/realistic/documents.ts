import { PDFDocument, type PDFFont, StandardFonts } from 'pdf-lib';

/**
 * Real PDF and Word files from the `.pdf.md` / `.docx.md` sources: `# ` is a heading in bold
 * at the body size (as many Word exports are), `## ` a heading in a larger font, `- ` a bullet,
 * `| a | b |` a table row (columns in the PDF, a Word table), anything else a paragraph.
 */
type Part =
  | { kind: 'heading'; text: string; large: boolean }
  | { kind: 'bullet' | 'paragraph'; text: string }
  | { kind: 'row'; cells: string[] };

function parse(source: string): Part[] {
  return source
    .split('\n')
    .filter((l) => l.trim())
    .map((line): Part => {
      if (line.startsWith('## ')) return { kind: 'heading', text: line.slice(3), large: true };
      if (line.startsWith('# ')) return { kind: 'heading', text: line.slice(2), large: false };
      if (line.startsWith('- ')) return { kind: 'bullet', text: line.slice(2) };
      if (line.startsWith('|'))
        return {
          kind: 'row',
          cells: line.replace(/^\|\s*|\s*\|$/g, '').split(/\s*\|\s*/),
        };
      return { kind: 'paragraph', text: line };
    });
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

export async function pdfFromSource(source: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const BODY = 10;
  let page = pdf.addPage([595, 842]);
  let y = 790;
  const need = (height: number) => {
    if (y - height < 50) {
      page = pdf.addPage([595, 842]);
      y = 790;
    }
  };
  for (const part of parse(source)) {
    if (part.kind === 'heading') {
      const size = part.large ? 14 : BODY;
      need(size * 3);
      y -= size * 0.6;
      page.drawText(part.text, { x: 50, y, size, font: bold });
      y -= size * 1.6;
    } else if (part.kind === 'row') {
      need(BODY * 1.5);
      part.cells.forEach((cell, i) => {
        page.drawText(cell, { x: i === 0 ? 50 : 300 + (i - 1) * 110, y, size: BODY, font: regular });
      });
      y -= BODY * 1.5;
    } else {
      const indent = part.kind === 'bullet' ? 64 : 50;
      const lines = wrap(part.text, regular, BODY, 495 - (indent - 50));
      need(lines.length * BODY * 1.3);
      if (part.kind === 'bullet') page.drawText('•', { x: 52, y, size: BODY, font: regular });
      for (const line of lines) {
        page.drawText(line, { x: indent, y, size: BODY, font: regular });
        y -= BODY * 1.3;
      }
      y -= BODY * 0.7;
    }
  }
  return pdf.save({ useObjectStreams: false });
}

const escapeXml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const run = (text: string) => `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
const paragraph = (text: string, props = '') =>
  `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}${run(text)}</w:p>`;

/** A Word document as Word writes one: styles and numbering parts, Heading styles, list paragraphs, tables. */
export async function docxFromSource(source: string): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const parts = parse(source);
  let body = '';
  let table: string[][] = [];
  const flushTable = () => {
    if (!table.length) return;
    body += `<w:tbl>${table
      .map((cells) => `<w:tr>${cells.map((c) => `<w:tc>${paragraph(c)}</w:tc>`).join('')}</w:tr>`)
      .join('')}</w:tbl>`;
    table = [];
  };
  for (const part of parts) {
    if (part.kind === 'row') {
      table.push(part.cells);
      continue;
    }
    flushTable();
    if (part.kind === 'heading')
      body += paragraph(part.text, `<w:pStyle w:val="${part.large ? 'Heading1' : 'Heading2'}"/>`);
    else if (part.kind === 'bullet')
      body += paragraph(
        part.text,
        '<w:pStyle w:val="ListParagraph"/><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>',
      );
    else body += paragraph(part.text);
  }
  flushTable();
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/_rels/document.xml.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/></Relationships>',
  );
  zip.file(
    'word/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style><w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style></w:styles>`,
  );
  zip.file(
    'word/numbering.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}
