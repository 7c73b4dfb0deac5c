import { describe, expect, it } from 'vitest';
import { entrySummary, statementsFeed } from '../../functions/app/atom-feed.ts';
import type { SearchResult } from '../../schemas/search.ts';
import { elementsNamed, parseXmlStrictly } from '../support/xml.ts';

const item = (overrides: Partial<SearchResult> = {}): SearchResult => ({
  id: '01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
  organisationId: '01JDQ8Z4V6W4Y0B3C9E7K2M6N8',
  organisationName: 'Acme Ltd',
  companyNumber: null,
  isGroup: false,
  year: 2025,
  periodStart: '2024-04-01',
  periodEnd: '2025-03-31',
  sectors: [],
  turnover: null,
  submittedAt: '2025-06-01T09:00:00.000Z',
  check: null,
  matchedName: null,
  ...overrides,
});

const nonCompliant = {
  rating: 'non_compliant',
  meetsLegalMinimum: false,
  areasCovered: 2,
} as unknown as SearchResult['check'];

describe('the Atom feed', () => {
  it.each([
    ['a NUL', 'Acme\u0000 Ltd', 'Acme Ltd'],
    ['an escape sequence', 'Acme \u001b[31mLtd', 'Acme [31mLtd'],
    ['a C1 control and a noncharacter', 'Acme\u0085 Ltd\uffff', 'Acme Ltd'],
    ['a lone surrogate', 'Acme \ud800Ltd', 'Acme \ufffdLtd'],
    ['markup and a CDATA end', 'Tallow & <Wick> "Group" ]]> plc', 'Tallow & <Wick> "Group" ]]> plc'],
  ])('is well-formed XML when a stored name holds %s', (_what, name, shown) => {
    const feed = parseXmlStrictly(
      statementsFeed('https://register.example.org', [item({ organisationName: name })], new Date()),
    );
    const titles = elementsNamed(feed, 'entry').map((entry) => elementsNamed(entry, 'title')[0]?.text);
    expect(titles).toEqual([`${shown}: statement for 2025`]);
  });

  it('puts every link and id on the site address given', () => {
    const feed = parseXmlStrictly(
      statementsFeed(
        'https://register.example.org/',
        [item(), item({ id: '01JDQ8Z4V6W4Y0B3C9E7K2M5N9' })],
        new Date(),
      ),
    );
    const addresses = [
      ...elementsNamed(feed, 'link').map((link) => link.attributes.href),
      ...elementsNamed(feed, 'id').map((id) => id.text),
    ];
    expect(addresses).toHaveLength(2 + 1 + 2 * 2);
    for (const address of addresses) expect(address).toMatch(/^https:\/\/register\.example\.org\/statements/);
  });

  it('says "Does not meet the legal minimum" once in a non-compliant entry’s summary', () => {
    const summary = entrySummary(item({ check: nonCompliant }));
    expect(summary.match(/Does not meet the legal minimum/g)).toHaveLength(1);
    expect(summary).toBe(
      'Reporting period 2024-04-01 to 2025-03-31. Check: Does not meet the legal minimum; 2 of 6 areas covered.',
    );
    expect(entrySummary(item())).toBe('Reporting period 2024-04-01 to 2025-03-31. Check: Not checked yet.');
  });
});
