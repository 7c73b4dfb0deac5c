import { describe, expect, it } from 'vitest';
import {
  DocumentTooLargeError,
  extractDocument,
  extractFromHtml,
  extractFromText,
  MAX_DOCUMENT_BYTES,
  sniffKind,
} from '../../functions/checker/extract/document.ts';
import { sentencesFromText, splitSentences } from '../../functions/checker/text/sentences.ts';
import { encryptedPdf, imageOnlyPdf, pdfBomb, textPdf } from './fixtures.ts';

const FAST_LIMITS = { timeoutMs: 4_000, maxHeapMb: 64, maxPages: 500 };

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

  it('reads the main text of a page and leaves out scripts, navigation and footers', () => {
    const html = `<!doctype html><html><head><title>Modern slavery statement</title><script>alert("x")</script></head>
      <body><nav><a href="/">Home</a> <a href="/shop">Shop our sale now</a></nav>
      <main><article><h1>Modern slavery statement 2025</h1>
      <p>This statement sets out the steps Acme Retail Ltd took during the financial year to prevent modern slavery in its supply chains and its own business.</p>
      <h2>Due diligence</h2><p>We audited 96 factories. We screened every new supplier.</p>
      <script>document.write("Injected sentence that must not appear.")</script>
      <ul><li>Supplier code of conduct</li><li>Whistleblowing hotline</li></ul></article></main>
      <footer>Copyright Acme. Cookie settings.</footer></body></html>`;
    const { sentences, title } = extractFromHtml(html);
    const texts = sentences.map((s) => s.text);
    expect(title).toBe('Modern slavery statement');
    expect(texts).toContain('We audited 96 factories.');
    expect(sentences.find((s) => s.text === 'We audited 96 factories.')?.heading).toBe('Due diligence');
    expect(texts.join(' ')).not.toMatch(/Injected|alert|Shop our sale|Cookie settings/);
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
    expect(['timeout', 'too_complex', 'no_text_layer']).toContain(extraction.problem?.reason);
  }, 30_000);

  it('answers a clear problem for a truncated PDF', async () => {
    const pdf = await textPdf([['Some text that will be cut off in the middle of the file.']]);
    const extraction = await extractDocument(pdf.slice(0, 300));
    expect(extraction.problem).toBeDefined();
    expect(extraction.sentences).toEqual([]);
  });
});
