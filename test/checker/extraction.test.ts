import { PDFDict, PDFDocument, PDFName, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { checkStatement } from '../../functions/checker/check.ts';
import {
  DocumentTooLargeError,
  extractDocument,
  extractFromHtml,
  extractFromText,
  MAX_DOCUMENT_BYTES,
  sniffKind,
} from '../../functions/checker/extract/document.ts';
import { EXTRACT_LIMITS } from '../../functions/checker/extract/limits.ts';
import { defaultTagger } from '../../functions/checker/tagger/model.ts';
import { sentencesFromText, splitSentences } from '../../functions/checker/text/sentences.ts';
import { encryptedPdf, imageOnlyPdf, pdfBomb, textPdf } from './fixtures.ts';
import { pdfFromSource } from './realistic/documents.ts';

const FAST_LIMITS = { ...EXTRACT_LIMITS, timeoutMs: 4_000, maxHeapMb: 64 };

describe('sentence splitting', () => {
  it.each([
    ['Our policy was updated. We trained 40 staff!', ['Our policy was updated.', 'We trained 40 staff!']],
    [
      'Acme Ltd. is a supplier, e.g. of food. It has 3 sites.',
      ['Acme Ltd. is a supplier, e.g. of food.', 'It has 3 sites.'],
    ],
    [
      'Signed by Mr. J. Smith on 1 Jan. 2025. Approved.',
      ['Signed by Mr. J. Smith on 1 Jan. 2025.', 'Approved.'],
    ],
    ['No full stop at the end', ['No full stop at the end']],
  ])('splits %j', (paragraph, expected) => {
    expect(splitSentences(paragraph)).toEqual(expected);
  });

  it('keeps headings as the context of the sentences under them, not as sentences', () => {
    const sentences = sentencesFromText(
      'Our supply chains\nWe buy from 350 suppliers in 14 countries. Most are in Asia.\n\nTraining\nWe trained 1,150 buyers in 2024.',
    );
    expect(sentences).toEqual([
      {
        text: 'We buy from 350 suppliers in 14 countries.',
        heading: 'Our supply chains',
        headingPath: ['Our supply chains'],
      },
      { text: 'Most are in Asia.', heading: 'Our supply chains', headingPath: ['Our supply chains'] },
      { text: 'We trained 1,150 buyers in 2024.', heading: 'Training', headingPath: ['Training'] },
    ]);
  });

  it('joins lines wrapped inside a paragraph and makes each bullet its own list item', () => {
    const sentences = sentencesFromText(
      'During the year we carried out unannounced audits of our tier one factories and\nfollowed up every finding with the supplier concerned.\n• Supplier questionnaires\n• Site visits',
    );
    expect(sentences.map((s) => s.text)).toEqual([
      'During the year we carried out unannounced audits of our tier one factories and followed up every finding with the supplier concerned.',
      'Supplier questionnaires',
      'Site visits',
    ]);
    expect(sentences.map((s) => s.unit)).toEqual([undefined, 'list_item', 'list_item']);
  });

  it('keeps a sign-off block together as one sentence', () => {
    const sentences = sentencesFromText(
      'This statement was approved by the Board on 1 July 2025.\n\nAnn Smith\nDirector\n1 July 2025',
    );
    expect(sentences.at(-1)!.text).toBe('Ann Smith Director 1 July 2025');
  });
});

describe('text and HTML extraction', () => {
  it('answers a clear problem for empty text', () => {
    expect(extractFromText('   \n  ')).toMatchObject({ sentences: [], problem: { reason: 'empty' } });
  });

  it('reads the main text of a page and leaves out scripts, navigation and footers', async () => {
    const html = `<!doctype html><html><head><title>Modern slavery statement</title><script>alert("x")</script></head>
      <body><nav><a href="/">Home</a> <a href="/shop">Shop our sale now</a></nav>
      <main><article><h1>Modern slavery statement 2025</h1>
      <p>This statement sets out the steps Acme Retail Ltd took during the financial year to prevent modern slavery in its supply chains and its own business.</p>
      <h2>Due diligence</h2><p>We audited 96 factories. We screened every new supplier.</p>
      <script>document.write("Injected sentence that must not appear.")</script>
      <ul><li>Supplier code of conduct</li><li>Whistleblowing hotline</li></ul></article></main>
      <footer>Copyright Acme. Cookie settings.</footer></body></html>`;
    const { sentences, title } = await extractFromHtml(html);
    const texts = sentences.map((s) => s.text);
    expect(title).toBe('Modern slavery statement');
    expect(texts).toContain('We audited 96 factories.');
    expect(sentences.find((s) => s.text === 'We audited 96 factories.')?.heading).toBe('Due diligence');
    expect(texts.join(' ')).not.toMatch(/Injected|alert|Shop our sale|Cookie settings/);
  });

  it.each([
    ['<article>', '</article>', '', true],
    ['<main><section>', '</section></main>', '', true],
    ['<article>', '</article>', ' role="contentinfo"', false],
    ['<div>', '</div>', '', false],
  ])(
    'a footer in %s…%s (attributes %j) is read as the text’s own (approval, sign-off): %s; the page’s footer never is',
    async (open, close, role, kept) => {
      const paragraphs = Array.from(
        { length: 8 },
        (_, i) =>
          `<p>During the year we assessed ${i + 3} labour providers against our supplier code and visited their sites.</p>`,
      ).join('');
      const html = `<!doctype html><html><body>${open}<h1>Statement</h1>${paragraphs}
        <footer class="statement-footer"${role}><p>Approved by the Board of Directors on 2 June 2025 · Signed: Lena Okafor, Director</p></footer>${close}
        <footer><p>© Acme Retail Ltd · Privacy · Cookie settings</p></footer></body></html>`;
      const texts = (await extractFromHtml(html)).sentences.map((s) => s.text).join(' ');
      expect(texts.includes('Approved by the Board of Directors on 2 June 2025')).toBe(kept);
      expect(texts).not.toMatch(/Cookie settings/);
    },
  );

  // Issue 12 (fix7): some templates put the site's footer inside <main>, after the article.
  it.each([
    ['<p>© 2025 Acme Retail Ltd. All rights reserved.</p>', false],
    [
      '<ul><li><a href="/privacy">Privacy</a></li><li><a href="/careers">Careers at Acme</a></li><li><a href="/contact">Contact us</a></li></ul>',
      false,
    ],
    [
      '<p>Approved by the Board of Directors on 2 June 2025 · Signed: Lena Okafor, Director · © Acme</p>',
      true,
    ],
    ['<p>Acme Retail Ltd is registered in England, company number 01234567, at 1 Kirkgate, Leeds.</p>', true],
  ])('a footer inside <main> after the article, %j, is read: %s', async (footer, kept) => {
    const paragraphs = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>During the year we assessed ${i + 3} labour providers against our supplier code and visited their sites.</p>`,
    ).join('');
    const html = `<!doctype html><html><body><main><div class="content"><h1>Statement</h1>${paragraphs}</div><footer class="site-footer">${footer}</footer></main></body></html>`;
    const texts = (await extractFromHtml(html)).sentences.map((s) => s.text).join(' ');
    const marker = /Approved by the Board|registered in England|All rights reserved|Careers at Acme/;
    expect(marker.test(texts)).toBe(kept);
  });

  it.each([
    [new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]), '', 'pdf'],
    [new TextEncoder().encode('<!doctype html><p>x</p>'), '', 'html'],
    [new TextEncoder().encode('Plain statement text.'), '', 'text'],
    [new Uint8Array([0, 159, 146, 150, 0, 1, 2, 3, 255, 254]), '', 'unknown'],
  ])('sniffs the kind of %j', (bytes, hint, kind) => {
    expect(sniffKind(bytes, hint)).toBe(kind);
  });

  it('answers a clear problem for binary garbage, never a crash', async () => {
    const garbage = new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 256);
    const extraction = await extractDocument(garbage);
    expect(extraction).toMatchObject({ sentences: [], problem: { reason: 'unsupported' } });
  });

  it('refuses a document over the size cap before parsing it', async () => {
    const huge = new Uint8Array(MAX_DOCUMENT_BYTES + 1);
    await expect(extractDocument(huge)).rejects.toBeInstanceOf(DocumentTooLargeError);
  });
});

describe('PDF extraction', { timeout: 60_000 }, () => {
  it('reads the text layer with page numbers', { timeout: 60_000 }, async () => {
    const pdf = await textPdf([
      [
        'Modern slavery statement',
        'This statement is made under section 54 of the Modern Slavery Act 2015 for the financial year ended 31 March 2025 and sets out the steps taken during the year.',
      ],
      ['This statement was approved by the Board of Directors on 10 July 2025.', 'Ann Smith', 'Director'],
    ]);
    const extraction = await extractDocument(pdf);
    expect(extraction.problem).toBeUndefined();
    expect(extraction.pages).toBe(2);
    const approval = extraction.sentences.find((s) => s.text.startsWith('This statement was approved'));
    expect(approval?.page).toBe(2);
    expect(extraction.sentences[0]).toMatchObject({ page: 1, heading: 'Modern slavery statement' });
    expect(extraction.sentences.at(-1)?.text).toBe('Ann Smith Director');
  });

  it('flags a PDF with no text layer', async () => {
    const extraction = await extractDocument(await imageOnlyPdf(3));
    expect(extraction).toMatchObject({ sentences: [], pages: 3, problem: { reason: 'no_text_layer' } });
  });

  it('answers a clear problem for a password-protected PDF', async () => {
    const extraction = await extractDocument(await encryptedPdf());
    expect(extraction.problem?.reason).toBe('password');
  });

  it('ends a PDF bomb within its limits instead of exhausting the process', async () => {
    const bomb = await pdfBomb(150);
    expect(bomb.byteLength).toBeLessThan(3 * 1024 * 1024);
    const started = Date.now();
    const extraction = await extractDocument(bomb, '', FAST_LIMITS);
    expect(Date.now() - started).toBeLessThan(FAST_LIMITS.timeoutMs + 10_000);
    expect(['timeout', 'memory', 'too_much_inflated']).toContain(extraction.problem?.reason);
  }, 30_000);

  it('answers a clear problem for a truncated PDF', async () => {
    const pdf = await textPdf([['Some text that will be cut off in the middle of the file.']]);
    const extraction = await extractDocument(pdf.slice(0, 300));
    expect(extraction.problem).toBeDefined();
    expect(extraction.sentences).toEqual([]);
  });
});

type Run = { text: string; bold?: boolean };
type LaidOut = {
  text: string | string[] | Run[];
  size?: number;
  bold?: boolean;
  indent?: number;
  gap?: number;
};

/**
 * A one-page PDF drawn line by line: font size, bold, indentation, cells at column positions, or
 * runs of regular and bold text one after another on the line. `rename` gives the fonts the
 * PostScript names real documents carry (pdf-lib writes only the standard names).
 */
async function layoutPdf(lines: LaidOut[], rename?: { regular: string; bold: string }): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const page = pdf.addPage([595, 842]);
  let y = 800;
  for (const line of lines) {
    const size = line.size ?? 10;
    y -= (line.gap ?? 0) + size * 1.3;
    if (Array.isArray(line.text) && typeof line.text[0] === 'object') {
      let x = 40 + (line.indent ?? 0);
      for (const run of line.text as Run[]) {
        const font = run.bold ? bold : regular;
        page.drawText(run.text, { x, y, size, font });
        x += font.widthOfTextAtSize(run.text, size);
      }
      continue;
    }
    const cells = Array.isArray(line.text) ? (line.text as string[]) : [line.text];
    for (const [i, text] of cells.entries())
      page.drawText(text, {
        x: 40 + (line.indent ?? 0) + i * 160,
        y,
        size,
        font: line.bold ? bold : regular,
      });
  }
  const bytes = await pdf.save();
  if (!rename) return bytes;
  const saved = await PDFDocument.load(bytes);
  for (const [, object] of saved.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFDict) || object.get(PDFName.of('Type')) !== PDFName.of('Font')) continue;
    const base = object.get(PDFName.of('BaseFont'));
    const name = base === PDFName.of('Helvetica-Bold') ? rename.bold : rename.regular;
    object.set(PDFName.of('BaseFont'), PDFName.of(name));
  }
  return saved.save();
}

const BODY =
  'We buy from 350 suppliers in 14 countries, most of them garment factories in Bangladesh and India.';

describe('document structure', { timeout: 30_000 }, () => {
  it('reads PDF headings by font size (level 1 for the largest), numbered headings, bullets and table rows', async () => {
    const pdf = await layoutPdf([
      { text: 'Modern slavery statement 2025', size: 20, bold: true },
      { text: 'Our supply chains', size: 14, bold: true, gap: 8 },
      { text: BODY, gap: 4 },
      { text: '2.1 Risk assessment', gap: 8 },
      { text: 'The highest risk of forced labour is among migrant workers in cotton farming in Turkey.' },
      { text: '• Supplier questionnaires for every new supplier', gap: 8 },
      { text: 'and every renewal', indent: 8 },
      { text: '• Unannounced audits of tier 1 factories' },
      { text: 'Key performance indicators', size: 14, bold: true, gap: 8 },
      { text: ['Indicator', 'Target', 'Result'], gap: 4 },
      { text: ['Suppliers audited', '95%', '98%'] },
      { text: ['Buyers trained', '100%', '100%'] },
    ]);
    const extraction = await extractDocument(pdf);
    expect(extraction.problem).toBeUndefined();
    const byText = (start: string) => extraction.sentences.find((s) => s.text.startsWith(start));
    expect(byText('We buy from 350')).toMatchObject({ heading: 'Our supply chains' });
    expect(byText('The highest risk')).toMatchObject({ heading: '2.1 Risk assessment' });
    expect(byText('Supplier questionnaires')?.text).toBe(
      'Supplier questionnaires for every new supplier and every renewal',
    );
    expect(byText('Unannounced audits')?.heading).toBe('2.1 Risk assessment');
    expect(extraction.sentences.find((s) => s.text.includes('Suppliers audited'))).toMatchObject({
      heading: 'Key performance indicators',
      unit: 'table_row',
    });
  });

  it.each([
    ['the standard names', undefined],
    ['subset names as Word writes them', { regular: 'ABCDEF+ArialMT', bold: 'GHIJKL+Arial-BoldMT' }],
    ['a semibold weight', { regular: 'ABCDEF+Inter-Regular', bold: 'GHIJKL+Inter-SemiBold' }],
  ])('reads body-size lines set wholly in bold as headings, with fonts of %s', async (_name, rename) => {
    const pdf = await layoutPdf(
      [
        { text: 'Modern slavery statement 2025', size: 16, bold: true },
        { text: 'Our supply chains', bold: true, gap: 8 },
        { text: BODY },
        { text: 'Steps taken to assess and manage the risk of forced labour in', bold: true, gap: 8 },
        { text: 'our supply chains', bold: true },
        { text: 'The highest risk of forced labour is among migrant workers in cotton farming in Turkey.' },
        { text: 'Policies', bold: true, gap: 8 },
        { text: '• Supplier code of conduct, updated in 2025' },
      ],
      rename,
    );
    const extraction = await extractDocument(pdf);
    expect(extraction.problem).toBeUndefined();
    const byText = (start: string) => extraction.sentences.find((s) => s.text.startsWith(start));
    expect(byText('We buy from 350')?.headingPath).toEqual([
      'Modern slavery statement 2025',
      'Our supply chains',
    ]);
    expect(byText('The highest risk')?.headingPath).toEqual([
      'Modern slavery statement 2025',
      'Steps taken to assess and manage the risk of forced labour in our supply chains',
    ]);
    expect(byText('Supplier code of conduct')).toMatchObject({ heading: 'Policies', unit: 'list_item' });
    expect(extraction.sentences.map((s) => s.text)).not.toContain('Our supply chains');
  });

  it('keeps bold words, bold lead-in sentences, bold sentences and a bold signatory in the running text', async () => {
    const pdf = await layoutPdf([
      { text: 'Our approach', bold: true },
      {
        text: [
          { text: 'We audited ' },
          { text: 'every', bold: true },
          { text: ' tier 1 factory in 2025 and followed up each finding.' },
        ],
      },
      {
        text: [{ text: 'Training matters.', bold: true }, { text: ' We trained 1,150 buyers in 2024.' }],
        gap: 8,
      },
      { text: 'We trained every buyer and store manager to recognise forced labour', bold: true, gap: 8 },
      {
        text: [{ text: 'and debt bondage.', bold: true }, { text: ' All of them passed the final test.' }],
      },
      { text: 'Our approach to ethical sourcing covers every market we trade in', bold: true, gap: 8 },
      { text: 'and all the suppliers who make our own-brand products.' },
      { text: 'We will publish our next statement in July 2026.', bold: true, gap: 8 },
      { text: 'It will report on the audits of our tier 2 suppliers in Turkey.' },
      { text: 'Ann Smith', bold: true, gap: 8 },
      { text: 'Director' },
    ]);
    const extraction = await extractDocument(pdf);
    expect(extraction.problem).toBeUndefined();
    const texts = extraction.sentences.map((s) => s.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'We audited every tier 1 factory in 2025 and followed up each finding.',
        'Training matters.',
        'We trained every buyer and store manager to recognise forced labour and debt bondage.',
        'Our approach to ethical sourcing covers every market we trade in and all the suppliers who make our own-brand products.',
        'We will publish our next statement in July 2026.',
        'Ann Smith Director',
      ]),
    );
    expect(new Set(extraction.sentences.map((s) => s.heading))).toEqual(new Set(['Our approach']));
  });

  it('takes no bold line for a heading when the body itself is set in bold', async () => {
    const pdf = await layoutPdf([
      { text: 'Modern slavery statement', size: 16, bold: true },
      { text: 'Steps taken to assess and manage the risk of forced labour in', bold: true, gap: 8 },
      { text: 'our supply chains', bold: true },
      { text: 'The highest risk of forced labour is among migrant workers in cotton farming.', bold: true },
    ]);
    const extraction = await extractDocument(pdf);
    expect(new Set(extraction.sentences.map((s) => s.heading))).toEqual(
      new Set(['Modern slavery statement']),
    );
  });

  it('reads a table-only PDF as one unit per row, each cell named by its header, and checks it the same way every time', async () => {
    const rows = [
      ['Indicator', 'Target 2025', 'Result 2025'],
      ['Tier 1 suppliers audited for forced labour', '95%', '98%'],
      ['Buyers trained on modern slavery', '100%', '100%'],
      ['Grievance cases remediated', 'All', '3 of 3'],
    ];
    const source = rows.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
    const pdf = await pdfFromSource(source);
    const extraction = await extractDocument(pdf);
    expect(extraction.problem).toBeUndefined();
    expect(extraction.sentences.map((s) => [s.text, s.unit])).toEqual([
      [
        'Indicator: Tier 1 suppliers audited for forced labour; Target 2025: 95%; Result 2025: 98%',
        'table_row',
      ],
      ['Indicator: Buyers trained on modern slavery; Target 2025: 100%; Result 2025: 100%', 'table_row'],
      ['Indicator: Grievance cases remediated; Target 2025: All; Result 2025: 3 of 3', 'table_row'],
    ]);
    // The same table typed as text rows reads the same.
    const typed = extractFromText(source);
    expect(typed.sentences.map((s) => s.text)).toEqual(extraction.sentences.map((s) => s.text));

    const check = async () =>
      checkStatement(
        {
          document: {},
          extraction: await extractDocument(pdf),
          textGiven: false,
          now: new Date('2026-01-01'),
        },
        defaultTagger(),
      );
    const [first, second] = [await check(), await check()];
    expect(second).toEqual(first);
    const finding = (rule: string) => first.findings.find((f) => f.rule === rule)!;
    // A KPI table is evidence of measuring effectiveness, quoted by its 1-based row number.
    expect(finding('uk-area-effectiveness')).toMatchObject({ status: 'pass' });
    expect(finding('uk-area-effectiveness').evidence.map((e) => e.sentence)).toContain(1);
    expect(finding('uk-kpis-measurable').status).toBe('pass');
    // A table is no statement: approval and signature are not in it.
    expect(finding('uk-approval').status).toBe('fail');
    expect(first.summary.meetsLegalMinimum).toBe(false);
  });

  it('gives the PDF blocks their kinds, levels, cells and header cells', async () => {
    const { blocksFromPdf } = await import('../../functions/checker/extract/pdf-layout.ts');
    const line = (t: string, s: number, y: number, c?: string[]) => ({ t, s, x: 40, y, c });
    const blocks = blocksFromPdf([
      {
        page: 1,
        lines: [
          line('Modern slavery statement', 20, 800),
          line('Risk', 14, 770),
          line(BODY, 10, 755),
          line('• Audits', 10, 730),
          line('Indicator Target', 10, 710, ['Indicator', 'Target']),
          line('Audited 95%', 10, 697, ['Audited', '95%']),
        ],
      },
    ]);
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Modern slavery statement', page: 1, level: 1 },
      { kind: 'heading', text: 'Risk', page: 1, level: 2 },
      { kind: 'paragraph', text: BODY, page: 1 },
      { kind: 'list_item', text: 'Audits', page: 1 },
      {
        kind: 'table_row',
        text: 'Audited | 95%',
        cells: ['Audited', '95%'],
        page: 1,
        headerCells: ['Indicator', 'Target'],
      },
    ]);
  });

  it('leaves out running headers, footers and page numbers, so a paragraph and its section go on over a page break', async () => {
    const pdf = await PDFDocument.create();
    const regular = await pdf.embedFont(StandardFonts.Helvetica);
    const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
    const sentences = Array.from(
      { length: 150 },
      (_, i) => `In audit ${i + 1} we visited a supplier in the high category and agreed a corrective plan.`,
    );
    // One paragraph over the three pages, wrapped at 90 characters: pages end mid-sentence.
    const lines = sentences.join(' ').match(/.{1,90}(\s|$)/g)!;
    for (let p = 1; p <= 3; p++) {
      const page = pdf.addPage([595, 842]);
      page.drawText('Harbour Foods Group plc: Modern Slavery Statement 2025', {
        x: 40,
        y: 815,
        size: 8,
        font: regular,
      });
      page.drawText(`Page ${p} of 3`, { x: 270, y: 25, size: 8, font: regular });
      page.drawText(String(p), { x: 550, y: 25, size: 8, font: regular });
      let y = 780;
      if (p === 1) {
        page.drawText('Due diligence', { x: 40, y, size: 14, font: bold });
        y -= 24;
      }
      for (; y > 60 && lines.length; y -= 13)
        page.drawText(lines.shift()!.trim(), { x: 40, y, size: 10, font: regular });
    }
    expect(lines).toEqual([]);
    const extraction = await extractDocument(await pdf.save());
    const texts = extraction.sentences.map((s) => s.text);
    expect(texts).toEqual(sentences);
    expect(new Set(extraction.sentences.map((s) => s.headingPath?.join(' > ')))).toEqual(
      new Set(['Due diligence']),
    );
  });

  it('keeps text that recurs at the same place on every page when it is not at the top or foot of the page', async () => {
    const { blocksFromPdf } = await import('../../functions/checker/extract/pdf-layout.ts');
    const line = (t: string, y: number) => ({ t, s: 10, x: 40, y });
    const page = (n: number) => ({
      page: n,
      lines: [
        line(`Site ${n} report`, 800),
        line(`Site ${n} is in Leicester.`, 780),
        line('We audited every supplier of this site in 2025 and found no forced labour.', 700),
        line(`Site ${n} is managed by its own team.`, 620),
        line(`Page ${n}`, 40),
      ],
    });
    const blocks = blocksFromPdf([page(1), page(2), page(3)]);
    const texts = blocks.map((b) => b.text).join(' ');
    expect(texts.match(/We audited every supplier/g)).toHaveLength(3);
    expect(texts).not.toMatch(/Page \d/);
  });

  it('reads a bold line at the foot of a page as the heading of the text that starts the next page', async () => {
    const { blocksFromPdf } = await import('../../functions/checker/extract/pdf-layout.ts');
    const line = (t: string, y: number, b?: boolean) => ({ t, s: 10, x: 40, y, b });
    const blocks = blocksFromPdf([
      { page: 1, lines: [line(BODY, 100), line('Training', 60, true)] },
      { page: 2, lines: [line('We trained 1,150 buyers on the signs of forced labour in 2024.', 800)] },
    ]);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: BODY, page: 1 },
      { kind: 'heading', text: 'Training', page: 1, level: 1 },
      { kind: 'paragraph', text: 'We trained 1,150 buyers on the signs of forced labour in 2024.', page: 2 },
    ]);
  });

  it('reads HTML headings with their levels, list items and table rows with their header cells', async () => {
    const { htmlBlocks } = await import('../../functions/checker/extract/html-reader.mjs');
    const { blocks } = htmlBlocks(
      `<html><body><h1>Statement</h1><h3>1. Risks</h3><p>${BODY}</p>
      <ol><li>Questionnaires<ul><li>new suppliers</li></ul></li><li><p>Audits</p></li></ol>
      <table><thead><tr><th>KPI</th><th>Result</th></tr></thead><tbody><tr><td>Audited</td><td>98%</td></tr></tbody></table>
      <table><tr><td>Year</td><td>Cases</td></tr><tr><td>2025</td><td>2</td></tr></table></body></html>`,
      EXTRACT_LIMITS,
      { readability: false },
    );
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Statement', level: 1 },
      { kind: 'heading', text: '1. Risks', level: 3 },
      { kind: 'paragraph', text: BODY },
      { kind: 'list_item', text: 'Questionnaires' },
      { kind: 'list_item', text: 'new suppliers' },
      { kind: 'list_item', text: 'Audits' },
      { kind: 'table_row', text: 'KPI | Result', cells: ['KPI', 'Result'] },
      { kind: 'table_row', text: 'Audited | 98%', cells: ['Audited', '98%'], headerCells: ['KPI', 'Result'] },
      { kind: 'table_row', text: 'Year | Cases', cells: ['Year', 'Cases'] },
      { kind: 'table_row', text: '2025 | 2', cells: ['2025', '2'], headerCells: ['Year', 'Cases'] },
    ]);
  });

  it('reads each line of a paragraph broken with <br> as its own block (a sign-off keeps name and role apart)', async () => {
    const { htmlBlocks } = await import('../../functions/checker/extract/html-reader.mjs');
    const { blocks } = htmlBlocks(
      '<html><body><p>Tomas Reyes<br>Finance Director<br/>Quillon Tiles Ltd</p><p>One line only.</p></body></html>',
      EXTRACT_LIMITS,
      { readability: false },
    );
    expect(blocks).toEqual([
      { kind: 'paragraph', text: 'Tomas Reyes' },
      { kind: 'paragraph', text: 'Finance Director' },
      { kind: 'paragraph', text: 'Quillon Tiles Ltd' },
      { kind: 'paragraph', text: 'One line only.' },
    ]);
  });

  it('reads a paragraph wholly in bold as a heading when body text follows it, and keeps bold names and sentences as text', async () => {
    const { htmlBlocks } = await import('../../functions/checker/extract/html-reader.mjs');
    const { blocks } = htmlBlocks(
      `<html><body><h1>Statement</h1>
      <p><strong>Our supply chains</strong></p><p>${BODY}</p>
      <p><b>How we assess <strong>risk</strong></b></p><ul><li>Supplier questionnaires</li></ul>
      <p><strong>We trained every buyer in 2024.</strong></p><p>${BODY}</p>
      <p><strong>Training matters.</strong> We trained 1,150 buyers in 2024.</p>
      <p><strong>Martin Greaves</strong></p><p>Managing Director</p></body></html>`,
      EXTRACT_LIMITS,
      { readability: false },
    );
    expect(blocks).toEqual([
      { kind: 'heading', text: 'Statement', level: 1 },
      { kind: 'heading', text: 'Our supply chains', level: 2 },
      { kind: 'paragraph', text: BODY },
      { kind: 'heading', text: 'How we assess risk', level: 2 },
      { kind: 'list_item', text: 'Supplier questionnaires' },
      { kind: 'paragraph', text: 'We trained every buyer in 2024.' },
      { kind: 'paragraph', text: BODY },
      { kind: 'paragraph', text: 'Training matters. We trained 1,150 buyers in 2024.' },
      { kind: 'paragraph', text: 'Martin Greaves' },
      { kind: 'paragraph', text: 'Managing Director' },
    ]);
  });

  it('keeps the structure of a page through Readability', async () => {
    const extraction = await extractFromHtml(
      `<html><head><title>Statement</title></head><body><nav><a href="/">Home</a></nav><main><article>
      <h1>Modern slavery statement</h1><h2>Risks</h2><p>${BODY}</p><p>${BODY.replace('350', '360')}</p>
      <h2>Training</h2><ul><li>We trained 1,150 buyers on the signs of modern slavery.</li></ul></article></main></body></html>`,
    );
    expect(extraction.sentences.find((s) => s.text.startsWith('We buy from 360'))?.heading).toBe('Risks');
    expect(extraction.sentences.find((s) => s.text.startsWith('We trained'))?.heading).toBe('Training');
  });
});

/** A minimal real .docx: a zip of hand-written WordprocessingML parts (what Word itself needs). */
async function docx(bodyXml: string): Promise<Uint8Array> {
  const { default: JSZip } = await import('jszip');
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${bodyXml}</w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const wordParagraph = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}<w:r><w:t>${text}</w:t></w:r></w:p>`;
const wordCell = (text: string) => `<w:tc>${wordParagraph(text)}</w:tc>`;

describe('Word documents', { timeout: 30_000 }, () => {
  it('reads a .docx with its headings and table rows', async () => {
    const bytes = await docx(
      wordParagraph('Modern slavery statement', 'Heading1') +
        wordParagraph('Our supply chains', 'Heading2') +
        wordParagraph(BODY) +
        wordParagraph('Key performance indicators', 'Heading2') +
        `<w:tbl><w:tr>${wordCell('Indicator')}${wordCell('Result')}</w:tr><w:tr>${wordCell('Suppliers audited')}${wordCell('98%')}</w:tr></w:tbl>`,
    );
    expect(sniffKind(bytes)).toBe('docx');
    const extraction = await extractDocument(bytes);
    expect(extraction).toMatchObject({ kind: 'docx', problem: undefined });
    expect(extraction.sentences.find((s) => s.text === BODY)?.headingPath).toEqual([
      'Modern slavery statement',
      'Our supply chains',
    ]);
    expect(extraction.sentences.find((s) => s.text.includes('Suppliers audited'))).toMatchObject({
      heading: 'Key performance indicators',
      unit: 'table_row',
    });
  });

  it('reads a .docx whose headings are paragraphs in bold, without heading styles', async () => {
    const boldParagraph = (text: string) => `<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>${text}</w:t></w:r></w:p>`;
    const bytes = await docx(
      boldParagraph('Our supply chains') +
        wordParagraph(BODY) +
        boldParagraph('Training') +
        wordParagraph('We trained 1,150 buyers on the signs of forced labour in 2024.'),
    );
    const extraction = await extractDocument(bytes);
    expect(extraction.sentences.map((s) => [s.text, s.heading])).toEqual([
      [BODY, 'Our supply chains'],
      ['We trained 1,150 buyers on the signs of forced labour in 2024.', 'Training'],
    ]);
  });

  it.each([
    [
      'an old binary .doc',
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]),
      /\.doc/,
    ],
    [
      'a zip that is not a Word document',
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0, 0]),
      /\.docx/,
    ],
  ])('refuses %s clearly', async (_name, bytes, message) => {
    const extraction = await extractDocument(bytes);
    expect(extraction.problem).toMatchObject({
      reason: 'unsupported',
      message: expect.stringMatching(message),
    });
  });
});
