import { describe, expect, it } from 'vitest';
import {
  blocksFromLines,
  linesOf,
  sentencesFromBlocks,
  sentencesFromText,
} from '../../functions/checker/text/sentences.ts';

const paths = (text: string) => sentencesFromText(text).map((s) => [s.text, s.headingPath ?? [], s.unit]);

describe('the structure of a plain-text statement', () => {
  it('gives every sentence the path of numbered headings it sits under, outermost first', () => {
    const text = [
      '1. About the group',
      '1.1 Structure',
      'The group has three subsidiaries in the UK and Ireland.',
      '1.2 Supply chains',
      'We buy cocoa from cooperatives in Ghana.',
      '2. Training',
      'Every buyer completed a course in 2024.',
    ].join('\n');
    expect(paths(text)).toEqual([
      [
        'The group has three subsidiaries in the UK and Ireland.',
        ['1. About the group', '1.1 Structure'],
        undefined,
      ],
      ['We buy cocoa from cooperatives in Ghana.', ['1. About the group', '1.2 Supply chains'], undefined],
      ['Every buyer completed a course in 2024.', ['2. Training'], undefined],
    ]);
  });

  it('reads headings in capitals, title-case headings and short labels with a colon', () => {
    const text = [
      'OUR APPROACH',
      '',
      'Risk assessment',
      'We scored every supplier on country and category.',
      '',
      'KPIs:',
      'We track the share of suppliers audited.',
    ].join('\n');
    expect(paths(text)).toEqual([
      ['We scored every supplier on country and category.', ['OUR APPROACH', 'Risk assessment'], undefined],
      ['We track the share of suppliers audited.', ['OUR APPROACH', 'KPIs'], undefined],
    ]);
  });

  it('makes bullets and numbered points list items, and keeps a lead-in sentence as a sentence', () => {
    const text = [
      'Risks',
      'We found the highest exposure in:',
      '• cotton farming in Turkey',
      '- agency labour at our warehouses, where workers',
      '  are hired through labour providers',
      '1) fishing vessels supplying our prawns.',
      '(b) contract cleaning at our offices',
    ].join('\n');
    expect(paths(text)).toEqual([
      ['We found the highest exposure in:', ['Risks'], undefined],
      ['cotton farming in Turkey', ['Risks'], 'list_item'],
      [
        'agency labour at our warehouses, where workers are hired through labour providers',
        ['Risks'],
        'list_item',
      ],
      ['fishing vessels supplying our prawns.', ['Risks'], 'list_item'],
      ['contract cleaning at our offices', ['Risks'], 'list_item'],
    ]);
  });

  it.each([
    [
      'markdown',
      [
        '| KPI | Target | 2024 |',
        '|---|---|---|',
        '| Suppliers audited | 100% | 85% |',
        '| Staff trained | 90% | 92% |',
      ],
    ],
    ['tab-separated', ['KPI\tTarget\t2024', 'Suppliers audited\t100%\t85%', 'Staff trained\t90%\t92%']],
  ])('turns a %s table into one unit per row that keeps its header cells', (_kind, rows) => {
    const sentences = sentencesFromText(['How we measure progress', ...rows].join('\n'));
    expect(sentences.map((s) => [s.text, s.heading, s.unit])).toEqual([
      ['KPI: Suppliers audited; Target: 100%; 2024: 85%', 'How we measure progress', 'table_row'],
      ['KPI: Staff trained; Target: 90%; 2024: 92%', 'How we measure progress', 'table_row'],
    ]);
  });

  it('keeps a markdown table without a header line as plain rows', () => {
    const sentences = sentencesFromText('| Suppliers audited | 85% |\n| Staff trained | 92% |');
    expect(sentences.map((s) => s.text)).toEqual(['Suppliers audited; 85%', 'Staff trained; 92%']);
  });

  it('does not take a sign-off date for a numbered heading', () => {
    const sentences = sentencesFromText(
      'This statement was approved by the Board.\n\nAnn Smith\nDirector\n1 July 2025',
    );
    expect(sentences.at(-1)!.text).toBe('Ann Smith Director 1 July 2025');
    expect(sentences.every((s) => !s.heading)).toBe(true);
  });

  it.each([
    [
      'an initial before a surname',
      'Signed\nP. Lindqvist\nFinance Director',
      'Signed P. Lindqvist Finance Director',
    ],
    ['two initials', 'Signed\nA. B. Castellanos\nChair', 'Signed A. B. Castellanos Chair'],
    [
      'a title with a full stop',
      'Signed\nMr. Idris Fontaine\nDirector',
      'Signed Mr. Idris Fontaine Director',
    ],
  ])('keeps %s in a sign-off, not a list marker', (_name, block, expected) => {
    const sentences = sentencesFromText(`This statement was approved by the Board.\n\n${block}`);
    expect(sentences.at(-1)).toMatchObject({ text: expected });
    expect(sentences.at(-1)!.unit).not.toBe('list_item');
  });

  it('still reads lettered and roman-numbered points as list items', () => {
    expect(
      paths('Our steps\na. Mapped our suppliers.\nb. Trained our buyers.\niii. Audited two farms.'),
    ).toEqual([
      ['Mapped our suppliers.', ['Our steps'], 'list_item'],
      ['Trained our buyers.', ['Our steps'], 'list_item'],
      ['Audited two farms.', ['Our steps'], 'list_item'],
    ]);
  });

  it('cuts one enormous paragraph without full stops into pieces at spaces', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `word${i}`).join(' ');
    const sentences = sentencesFromText(text);
    expect(sentences.length).toBeGreaterThan(10);
    expect(sentences.every((s) => s.text.length <= 1500 && !/^\S*\d \S/.test(s.text.slice(-1)))).toBe(true);
    expect(sentences.map((s) => s.text).join(' ')).toBe(text);
  });

  it('reads the blocks an extractor gives: heading levels, list items and table rows with header cells', () => {
    const sentences = sentencesFromBlocks([
      { kind: 'heading', text: 'Our supply chains', level: 1 },
      { kind: 'heading', text: 'Where the risks are', level: 2 },
      { kind: 'list_item', text: 'Migrant workers on farms in Spain.' },
      { kind: 'heading', text: 'Progress', level: 2 },
      { kind: 'table_row', text: 'Audits | 40', cells: ['Audits', '40'], headerCells: ['Measure', '2024'] },
      { kind: 'heading', text: 'Training', level: 1 },
      { kind: 'paragraph', text: 'All buyers were trained.' },
    ]);
    expect(sentences).toEqual([
      {
        text: 'Migrant workers on farms in Spain.',
        heading: 'Where the risks are',
        headingPath: ['Our supply chains', 'Where the risks are'],
        unit: 'list_item',
      },
      {
        text: 'Measure: Audits; 2024: 40',
        heading: 'Progress',
        headingPath: ['Our supply chains', 'Progress'],
        unit: 'table_row',
      },
      { text: 'All buyers were trained.', heading: 'Training', headingPath: ['Training'] },
    ]);
  });

  it('gives a document without headings sentences without a heading path', () => {
    const blocks = blocksFromLines(
      linesOf('We audited 40 suppliers. We trained 200 staff.\nWe have a code of conduct.'),
    );
    expect(blocks.every((b) => b.kind !== 'heading')).toBe(true);
    expect(sentencesFromBlocks(blocks).every((s) => s.headingPath === undefined)).toBe(true);
  });
});

describe('questions as headings', () => {
  it('reads a short question on its own line as the heading of the answer under it', () => {
    const text = [
      'Ormond Print Ltd',
      '',
      'Who are we?',
      'Ormond Print Ltd prints labels for food brands at one site in Kent and employs 90 people.',
      'How do we train our staff?',
      'Every press operator completed a course on forced labour in 2025, and new starters are briefed at induction.',
    ].join('\n');
    const sentences = sentencesFromText(text);
    expect(sentences.find((s) => s.text.startsWith('Ormond Print Ltd prints'))?.heading).toBe('Who are we?');
    expect(sentences.find((s) => s.text.startsWith('Every press operator'))?.heading).toBe(
      'How do we train our staff?',
    );
  });

  it.each([
    'We asked each agency who pays for the workers’ visas? All four said the worker did, and we changed that.',
    'Why this matters. Workers who owe fees cannot leave, so we check every agency each year.',
  ])('does not take a question inside running text for a heading: "%s"', (line) => {
    const sentences = sentencesFromText(['Ormond Print Ltd', '', line].join('\n'));
    expect(sentences.every((s) => s.heading === undefined || s.heading === 'Ormond Print Ltd')).toBe(true);
  });
});
