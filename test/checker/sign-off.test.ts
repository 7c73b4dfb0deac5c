import { describe, expect, it } from 'vitest';
import { checkStatement } from '../../functions/checker/check.ts';
import { extractDocument, extractFromText } from '../../functions/checker/extract/document.ts';
import { isoDateIn } from '../../functions/checker/rules/dates.ts';
import { organisationNamesIn, personNameIn } from '../../functions/checker/rules/person-name.ts';
import type { CheckDocument } from '../../schemas/check-request.ts';
import { docxFromSource } from './realistic/documents.ts';
import { checkScenario, findingOf, GOOD_TEXT, keywordTagger, NOW } from './support.ts';

/*
 * Sign-offs as people write them: compound roles, honorifics and letters after the name, the
 * organisation on its own line or after a comma, everything on one line with "|". Each block is
 * read in two layouts: pasted text (short lines, which the sentence splitter joins into one) and
 * lines (each line a sentence of its own, as HTML <br> lines and Word paragraphs give them).
 */
const GOOD_BLOCK = 'Signed\nAnn Smith\nDirector';
const BODY = GOOD_TEXT.replace(GOOD_BLOCK, '').trimEnd();

type Layout = 'text' | 'lines';
type EntityType = NonNullable<NonNullable<CheckDocument['organisation']>['entityType']>;

function signedWith(block: string, layout: Layout, entityType: EntityType = 'company') {
  const document: Partial<CheckDocument> = { signatory: undefined, organisation: { entityType } };
  if (layout === 'text') return checkScenario({ text: `${BODY}\n\n${block}`, document });
  const body = extractFromText(BODY);
  const heading = body.sentences.at(-1)?.heading;
  const lines = block.split('\n').map((text) => ({ text, ...(heading ? { heading } : {}) }));
  return checkScenario({
    extraction: { ...body, sentences: [...body.sentences, ...lines] },
    textGiven: false,
    document,
  });
}

const signatureOf = (block: string, layout: Layout, entityType?: EntityType) =>
  findingOf(signedWith(block, layout, entityType), 'uk-signature').status;

describe('uk-signature reads a named director in the sign-offs people write', () => {
  const layouts: Layout[] = ['text', 'lines'];
  const cases: [string, 'pass' | 'fail'][] = [
    // Compound roles: the board role is one part of the title.
    ['Signed\nOliwia Brandt\nChief Financial Officer and Director\nHarbourline Foods Limited', 'pass'],
    ['Signed\nNadia Ferreira-Lowe\nGroup Managing Director and Executive Director', 'pass'],
    ['Signed\nKwame Asante\nDirector and Company Secretary', 'pass'],
    ['Signed\nGraham Ilesworth\nManaging Director & Founder', 'pass'],
    ['Signed: Imogen Tarrant, Executive Chair (Director)', 'pass'],
    // The organisation after the role, on its own line or after a comma.
    ['Signed\nBeatrix Holm\nDirector\nHarbourline Foods Group Limited', 'pass'],
    ['Signed: Tomasz Wren, Finance Director, Harbourline Holdings plc', 'pass'],
    ['Signed\nTomasz Wren\nGroup Chief Executive and Director, Harbourline Group Limited', 'pass'],
    // Name, role and organisation on one line.
    ['Graham Ilesworth | Managing Director | Harbourline Foods Ltd', 'pass'],
    ['Signed by Graham Ilesworth, Director, Harbourline Foods Ltd, 3 October 2025', 'pass'],
    // Honorifics and letters after the name.
    ['Signed\nProf. Amara Quist OBE\nNon-Executive Director', 'pass'],
    ['Signed\nDr Felix Ondaatje FCA\nChief Executive', 'pass'],
    ['Signed: Dame Priscilla Yeo DBE, Chair', 'pass'],
    ['Signed: Dr Ibe, Director', 'pass'],
    // The role above the name.
    ['Yours sincerely\nManaging Director\nRuth Kallis', 'pass'],
    // No name: an organisation, a role or a title alone names nobody.
    ['Signed\nHarbourline Foods Limited\nDirector', 'fail'],
    ['Signed\nGroup Chief Executive\nHarbourline Group Limited', 'fail'],
    ['Signed: Dr, Director', 'fail'],
    ['Signed for and on behalf of Harbourline Holdings plc\nChief Executive and Director', 'fail'],
    // A name with no role, or with a role that is not a director's.
    ['Signed: Oliwia Brandt', 'fail'],
    ['Signed\nDr Felix Ondaatje FCA', 'fail'],
    ['Signed: Oliwia Brandt, Head of Procurement', 'fail'],
    ['Signed\nOliwia Brandt\nCompliance Manager\nHarbourline Foods Limited', 'fail'],
  ];
  it.each(layouts.flatMap((layout) => cases.map(([block, status]) => [layout, block, status] as const)))(
    'in %s layout, %j → %s',
    (layout, block, status) => {
      expect(signatureOf(block, layout)).toBe(status);
    },
  );

  // rules.md asks for "a director (or equivalent)" and cannot tell who sits on the board from a
  // title: a job title with "Director" in it is read as a director, as the checker always has.
  it.each(
    layouts.flatMap((layout) =>
      ['Signed: Oliwia Brandt, Director of Procurement', 'Signed\nOliwia Brandt\nHR Director'].map(
        (block) => [layout, block] as const,
      ),
    ),
  )('in %s layout, a job title containing "Director" (%j) passes', (layout, block) => {
    expect(signatureOf(block, layout)).toBe('pass');
  });

  it('quotes the sign-off line that names the signatory', () => {
    const f = findingOf(
      signedWith('Signed\nBeatrix Holm\nDirector\nHarbourline Foods Limited', 'lines'),
      'uk-signature',
    );
    expect(f.evidence.map((e) => e.text)).toContain('Beatrix Holm');
  });
});

describe('uk-signature reads the equivalents rules.md allows for each kind of organisation', () => {
  it.each([
    ['llp', 'Signed\nMarcus Ebdon\nManaging Partner and Designated Member\nEbdon Advisory LLP', 'pass'],
    ['llp', 'Signed: Marcus Ebdon, Designated Member, Ebdon Advisory LLP', 'pass'],
    ['llp', 'Signed: Marcus Ebdon, Head of Operations, Ebdon Advisory LLP', 'fail'],
    ['partnership', 'Signed\nInes Calloway\nPartner, Calloway & Dunn', 'pass'],
    ['partnership', 'Signed\nInes Calloway\nOffice Manager', 'fail'],
    ['limited_partnership', 'Signed\nFelicity Orme\nDirector of Orme GP Limited, General Partner', 'pass'],
    ['limited_partnership', 'Signed: Felicity Orme, Limited Partner', 'fail'],
    ['charity', 'Signed\nRevd Alun Carver\nChair of Trustees', 'pass'],
    ['charity', 'Signed: Alun Carver, Trustee', 'pass'],
    ['public_body', 'Signed\nCllr Maureen Ashby\nLeader of the Council', 'pass'],
    ['public_body', 'Signed\nPeter Lomax\nChief Executive and Head of Paid Service', 'pass'],
    ['public_body', 'Signed: Peter Lomax, Head of Procurement', 'fail'],
    ['other_body_corporate', 'Signed: Professor Leona Hart, Vice-Chancellor', 'pass'],
    ['other_body_corporate', 'Signed\nLeona Hart\nPrincipal and Accounting Officer', 'pass'],
  ] as const)('a %s signed %j → %s', (entityType, block, status) => {
    for (const layout of ['text', 'lines'] as const)
      expect(signatureOf(block, layout, entityType)).toBe(status);
  });
});

describe('the names in a sign-off', () => {
  it.each([
    ['Dr Helen Okoro Group Chief Executive', 'Helen Okoro'],
    ['Prof. Amara Quist OBE, Chair', 'Amara Quist'],
    ['Felix Ondaatje FCA ACA', 'Felix Ondaatje'],
    ['Cllr Ashby, Leader of the Council', 'Ashby'],
    ['Jo de Vries | Director | Vries Foods Ltd', 'Jo de Vries'],
    ['Harbourline Foods Group Limited', undefined],
    ['Group Finance Director', undefined],
    ['Dr, Director', undefined],
  ] as const)('personNameIn(%j) → %j', (text, name) => {
    expect(personNameIn(text)).toBe(name);
  });

  it.each([
    ['Beatrix Holm Director Harbourline Foods Group Limited', ['Harbourline Foods Group Limited']],
    ['Dr Helen Okoro Group Chief Executive, Okoro Holdings plc', ['Okoro Holdings plc']],
    ['Signed for Acme Retail Ltd', ['Acme Retail Ltd']],
    ['Marks & Spencer Group plc', ['Marks & Spencer Group plc']],
    ['We buy from growers in Kenya.', []],
  ] as const)('organisationNamesIn(%j) → %j', (text, names) => {
    expect(organisationNamesIn(text)).toEqual(names);
  });
});

const APPROVAL = 'This statement was approved by the Board of Directors of Acme Retail Ltd on 10 July 2025.';
const withApproval = (line: string) => GOOD_TEXT.replace(APPROVAL, line);

/** A bare check, as `register check` and POST /check with only a document run it: no form at all. */
function bareCheck(text: string) {
  return checkStatement(
    { document: {}, extraction: extractFromText(text), textGiven: true, now: NOW },
    keywordTagger,
  );
}

describe('uk-approval-date reads the date the statement states when the form does not give one', () => {
  // The form of these checks gives the period (ending 31 March 2025) but no approval date.
  const partial = { approvalDate: null, approvedBy: null } as const;
  it.each([
    ['Approved by the Board of Directors of Acme Retail Ltd on 18 June 2025.', 'pass', '18 June 2025'],
    ['The Board approved this statement at its meeting on the 2nd of July 2025.', 'pass', '2 July 2025'],
    ['This statement was approved by our Board on 04/06/2025.', 'pass', '4 June 2025'],
    ['This statement was approved by our Board on June 4, 2025.', 'pass', '4 June 2025'],
    ['This statement was approved by the Board on 20 February 2025.', 'fail', 'before the end of the period'],
    ['This statement was approved by the Board on 3 March 2026.', 'fail', 'in the future'],
    ['This statement was approved by the Board of Directors of Acme Retail Ltd.', 'fail', 'No approval date'],
  ] as const)('approval %j → %s', (line, status, said) => {
    const f = findingOf(checkScenario({ text: withApproval(line), document: partial }), 'uk-approval-date');
    expect(f.status).toBe(status);
    expect(f.message).toContain(said);
    if (status === 'pass') expect(f.evidence.some((e) => e.text === line)).toBe(true);
  });

  it.each([
    ['Signed\nAnn Smith\nDirector\n14 July 2025', 'pass', '14 July 2025'],
    ['Signed: Ann Smith, Director, 14 July 2025', 'pass', '14 July 2025'],
    ['Signed\nAnn Smith\nDirector\n14 March 2025', 'fail', 'before the end of the period'],
    ['Signed\nAnn Smith\nDirector', 'fail', 'No approval date'],
  ] as const)('an undated approval followed by the sign-off %j → %s', (block, status, said) => {
    const text = withApproval(
      'This statement was approved by the Board of Directors of Acme Retail Ltd.',
    ).replace(GOOD_BLOCK, block);
    const f = findingOf(checkScenario({ text, document: partial }), 'uk-approval-date');
    expect([f.status, f.message]).toEqual([status, expect.stringContaining(said)]);
  });

  it.each([
    ['Approved by the Board of Directors on 18 June 2025.', 'pass'],
    ['Approved by the Board of Directors.', 'fail'],
  ] as const)('on a bare check (no form), approval %j → %s', (line, status) => {
    const f = findingOf(bareCheck(withApproval(line)), 'uk-approval-date');
    expect(f.status).toBe(status);
    expect(f.message).not.toMatch(/\bform\b/);
  });

  it.each([
    ['2025-07-10', APPROVAL, 'pass'],
    ['2025-07-10', 'This statement was approved by the Board of Directors on 12 July 2025.', 'warn'],
    ['2025-07-10', 'This statement was approved by the Board of Directors.', 'warn'],
    // Signed a few days after the board approved it: the sign-off's date dates the statement.
    [
      '2025-07-10',
      'This statement was approved by the Board of Directors.',
      'pass',
      'Signed\nAnn Smith\nDirector\n14 July 2025',
    ],
  ] as const)(
    'with the form’s approval date %s, approval %j → %s',
    (approvalDate, line, status, block: string = GOOD_BLOCK) => {
      const f = findingOf(
        checkScenario({ text: withApproval(line).replace(GOOD_BLOCK, block), document: { approvalDate } }),
        'uk-approval-date',
      );
      expect(f.status).toBe(status);
    },
  );
});

describe('uk-approval finds an approval inside a line whose parts are joined by separators', () => {
  const footers: [string, 'pass' | 'fail'][] = [
    [
      'Acme Retail Ltd · Company No. 07654321 · Approved by the Board of Directors on 18 June 2025 · Signed: Ann Smith, Director',
      'pass',
    ],
    ['Acme Retail Ltd | Approved by the Board on 18 June 2025 | Ann Smith, Director', 'pass'],
    [
      'Registered in England • Approved by the Board of Directors – 18 June 2025 • Ann Smith, Director',
      'pass',
    ],
    ['Acme Retail Ltd – Approved by our Board on 18 June 2025 – Signed by Ann Smith, Director', 'pass'],
    // Delegated approval stays delegated when it sits in a footer.
    [
      'Acme Retail Ltd · Approved by the Executive Committee on 18 June 2025 · Signed: Ann Smith, Director',
      'fail',
    ],
    // A part that is not about the statement: an approval of a policy in a footer is not one.
    ['Acme Retail Ltd · Supplier code approved by the board in 2023 · Registered in England', 'fail'],
  ];
  const footerText = (footer: string) =>
    `${GOOD_TEXT.replace(APPROVAL, '').replace(GOOD_BLOCK, '').trimEnd()}\n\n${footer}`;

  it.each(footers)('in pasted text, %j → %s', (footer, status) => {
    const result = checkScenario({ text: footerText(footer), document: { approvalDate: null } });
    expect(findingOf(result, 'uk-approval').status).toBe(status);
    if (status === 'pass') {
      expect(findingOf(result, 'uk-approval-date').status).toBe('pass');
      expect(findingOf(result, 'uk-approval').message).toContain('18 June 2025');
    }
  });

  it('finds it in an HTML article’s footer and a Word paragraph', async () => {
    const [footer] = footers[0]!;
    const body = GOOD_TEXT.replace(APPROVAL, '').replace(GOOD_BLOCK, '').trimEnd();
    const html = `<html><body><main><article>${body
      .split('\n')
      .filter(Boolean)
      .map((line) => `<p>${line}</p>`)
      .join('')}<footer class="footer"><p>${footer}</p></footer></article></main></body></html>`;
    const docx = await docxFromSource(`${body}\n${footer}`);
    for (const [bytes, hint] of [
      [new TextEncoder().encode(html), 'html'],
      [docx, 'docx'],
    ] as const) {
      const extraction = await extractDocument(bytes, hint);
      const result = checkScenario({ extraction, textGiven: false, document: { approvalDate: null } });
      expect([hint, findingOf(result, 'uk-approval').status]).toEqual([hint, 'pass']);
      expect([hint, findingOf(result, 'uk-approval-date').status]).toEqual([hint, 'pass']);
    }
  });
});

describe('dates as statements write them', () => {
  it.each([
    ['on 4 September 2025', '2025-09-04'],
    ['on the 21st of March 2025', '2025-03-21'],
    ['on September 4, 2025', '2025-09-04'],
    ['on 04/09/2025', '2025-09-04'],
    ['on 4.9.25', '2025-09-04'],
    ['on 2025-09-04', '2025-09-04'],
    ['on 31/02/2025', undefined],
    ['in September 2025', undefined],
  ] as const)('isoDateIn(%j) → %j', (text, iso) => {
    expect(isoDateIn(text)).toBe(iso);
  });
});

/*
 * Issue 12 (fix7): what follows a sign-off does not turn its lines into headings, and an approval
 * may refer to the statement named in the sentence before it.
 */
describe('a sign-off followed by more lines', () => {
  it.each([
    // A registration footer after a one-line sign-off.
    'Signed: Ann Smith, Managing Director\nAcme Retail Ltd · Registered in England no. 01234567 · 1 Kirkgate, Leeds LS1 6BA',
    'Signed by Ann Smith, Director\nAcme Retail Ltd, registered office 1 Kirkgate, Leeds LS1 6BA, company number 01234567.',
    // An organisation whose legal form is abbreviated with full stops, after the role.
    'Signed\nJan de Vries\nStatutory Director\nDe Vries Bloemen B.V.',
    'Jan de Vries\nManaging Director and Chief Executive\nDe Vries Bloemen B.V.\n14 November 2025',
    'Ann Smith\nChief Executive and Director\nAcme Holdings Inc.\n3 October 2025',
  ])('passes uk-signature in pasted text: %j', (block) => {
    const f = findingOf(signedWith(block, 'text'), 'uk-signature');
    expect(f.status, f.message).toBe('pass');
  });

  it('reads the sign-off in a PDF with the footer after it', async () => {
    const { pdfFromSource } = await import('./realistic/documents.ts');
    const source = `${BODY.replace(/\n\n+/g, '\n')}\nSigned: Ann Smith, Managing Director\nAcme Retail Ltd · Registered in England no. 01234567 · 1 Kirkgate, Leeds LS1 6BA`;
    const extraction = await extractDocument(await pdfFromSource(source), 'pdf');
    const result = checkScenario({ extraction, textGiven: false, document: { signatory: undefined } });
    expect(findingOf(result, 'uk-signature').status).toBe('pass');
  });
});

describe('uk-approval reads "It was approved" after the sentence naming the statement', () => {
  it.each([
    [
      'This document is the slavery and human trafficking statement of Acme Retail Ltd for 2025. It was approved by the Board of Directors on 18 June 2025.',
      'pass',
    ],
    [
      'This statement covers Acme Retail Ltd and its subsidiaries. It has been approved by our board on 18 June 2025.',
      'pass',
    ],
    // "It" is the code named before, not the statement.
    ['Our supplier code was updated in 2024. It was approved by the board on 3 March 2024.', 'fail'],
  ] as const)('%j → %s', (line, status) => {
    const result = checkScenario({ text: withApproval(line), document: { approvalDate: null } });
    expect(findingOf(result, 'uk-approval').status).toBe(status);
    if (status === 'pass') expect(findingOf(result, 'uk-approval-date').status).toBe('pass');
  });
});

describe('a name joined to the organisation’s name in a sign-off', () => {
  it.each([
    // The organisation is known from elsewhere: the words before it name the person.
    ['Signed: Ann Smith Acme Retail Ltd', ['Acme Retail Ltd'], 'Ann Smith'],
    ['Oliwia Brandt Harbourline Foods Group Limited', ['Harbourline Foods Group Limited'], 'Oliwia Brandt'],
    // Unknown, the whole run may be the organisation's name: no person is read.
    ['Signed: Ann Smith Acme Retail Ltd', [], undefined],
    // A known name that is all there is names nobody.
    ['Signed: Acme Retail Ltd', ['Acme Retail Ltd'], undefined],
  ] as const)('personNameIn(%j, %j) → %j', (text, organisations, name) => {
    const known = [...organisations, ...organisationNamesIn(text)];
    expect(personNameIn(text, known)).toBe(name);
  });

  it.each([
    ['Signed: Ann Smith Acme Retail Ltd, Director', 'pass'],
    ['Signed: Ann Smith Acme Retail Ltd', 'fail'],
  ] as const)('uk-signature on %j → %s', (block, status) => {
    const f = findingOf(signedWith(block, 'text'), 'uk-signature');
    expect(f.status, f.message).toBe(status);
    if (status === 'fail') expect(f.message).toMatch(/no role for Ann Smith/);
  });
});
