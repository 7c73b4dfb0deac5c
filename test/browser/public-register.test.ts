import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkResultFor,
  putCheckResult,
  putOrganisation,
  putStatement,
  type SeededStatement,
} from '../public/fixtures.ts';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';
import { SearchPage, StatementPage } from './pages/public-pages.ts';

const period = (year: number) => ({
  periodStart: `${year - 1}-04-01`,
  periodEnd: `${year}-03-31`,
  approvalDate: `${year}-06-30`,
});

describe('the public register in Chromium', () => {
  const ctx = useBrowserRegister({ clock: () => new Date('2026-11-29T12:00:00.000Z') });
  const seeded: Record<string, SeededStatement> = {};

  beforeAll(async () => {
    const store = ctx.register.store;
    const add = async (
      key: string,
      name: string,
      fields: Parameters<typeof putStatement>[1]['document'] = {},
      companyNumber?: string,
    ) => {
      const organisation = await putOrganisation(store, {
        name,
        ...(companyNumber ? { companyNumber } : {}),
      });
      seeded[key] = await putStatement(store, { organisation, document: fields });
      return seeded[key]!;
    };
    const group = await add(
      'group',
      'Harrowgate Provisions Group plc',
      {
        isGroup: true,
        groupMembers: [
          { name: 'Kestrel Bakeries Ltd', companyNumber: '08111111' },
          { name: 'Harrowgate Dairies Limited', companyNumber: null },
        ],
        sectors: ['Food and beverages, agriculture and fishing'],
        turnover: 'Over £500 million',
      },
      '08000001',
    );
    const groupCheck = () =>
      putCheckResult(
        store,
        group,
        checkResultFor({ meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' }, [
          {
            text: 'This statement was approved by the Board of Directors of Harrowgate Provisions Group plc.',
            tags: ['approval'],
          },
          { text: 'Our buyers completed training on forced labour indicators.', tags: ['training'] },
          { text: 'We buy wheat and milk from farms in the UK and Poland.', tags: ['supply_chains'] },
        ]),
      );
    const mill = await add('mill', 'Harrowgate Textile Mills Ltd', {
      ...period(2023),
      sectors: ['Fashion, textiles, apparel and luxury goods'],
      turnover: '£36 million to £60 million',
    });
    const millCheck = () =>
      putCheckResult(
        store,
        mill,
        checkResultFor({ meetsLegalMinimum: false, areasCovered: 1, rating: 'non_compliant' }),
      );
    await add('port', 'Harrowgate Port Services Ltd', {
      sectors: ['Transportation, logistics, and storage'],
      turnover: '£100 million to £500 million',
    });
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        add(`page${i}`, `Quernstone Trading ${String(i).padStart(2, '0')} Ltd`, {
          sectors: ['Other'],
          turnover: 'Under £36 million',
        }),
      ),
    );
    // The register's own checker checks each revision as it arrives; these tests then put known
    // check results in its place (as the check reactor stores them) and let the index follow.
    await ctx.register.poller.drain();
    seeded.group = await groupCheck();
    seeded.mill = await millCheck();
    await ctx.register.poller.drain();
  }, 180_000);

  it('finds statements by name, partial and in any order, and the results page passes axe', async () => {
    const page = await ctx.browser.newPage();
    const search = new SearchPage(page, ctx.url);
    await search.search('textile harrow');
    expect(await search.resultNames()).toEqual(['Harrowgate Textile Mills Ltd']);
    expect(await axeViolations(page)).toEqual([]);
    await search.search('HARROWGATE');
    expect((await search.resultNames()).sort()).toEqual([
      'Harrowgate Port Services Ltd',
      'Harrowgate Provisions Group plc',
      'Harrowgate Textile Mills Ltd',
    ]);
    await page.close();
  });

  it('finds a group statement by a subsidiary’s name and says which member matched', async () => {
    const page = await ctx.browser.newPage();
    const search = new SearchPage(page, ctx.url);
    await search.search('kestrel bakeries');
    expect(await search.resultNames()).toEqual(['Harrowgate Provisions Group plc']);
    expect((await search.resultTexts())[0]).toContain('Group statement that covers Kestrel Bakeries Ltd');
    await page.close();
  });

  it('finds statements by company number, the organisation’s own or a member’s', async () => {
    const page = await ctx.browser.newPage();
    const search = new SearchPage(page, ctx.url);
    await search.search('08000001');
    expect(await search.resultNames()).toEqual(['Harrowgate Provisions Group plc']);
    await search.search('8111111');
    expect(await search.resultNames()).toEqual(['Harrowgate Provisions Group plc']);
    await page.close();
  });

  it.each([
    ['sector', { sector: 'Fashion, textiles, apparel and luxury goods' }, ['Harrowgate Textile Mills Ltd']],
    ['year', { year: '2023' }, ['Harrowgate Textile Mills Ltd']],
    ['turnover', { turnover: 'Over £500 million' }, ['Harrowgate Provisions Group plc']],
    ['rating', { rating: 'Does not meet the legal minimum' }, ['Harrowgate Textile Mills Ltd']],
  ] as const)('narrows the results with the %s filter', async (_name, filters, expected) => {
    const page = await ctx.browser.newPage();
    const search = new SearchPage(page, ctx.url);
    await search.search('harrowgate', filters);
    expect(await search.resultNames()).toEqual(expected);
    // The same filter without a name lists every statement that has it.
    await search.search('', filters);
    expect(await search.resultNames()).toEqual(expected);
    await page.close();
  });

  it('pages through results with a next-page link, each statement once', async () => {
    const page = await ctx.browser.newPage();
    const search = new SearchPage(page, ctx.url);
    await search.open('?q=quernstone&sort=name&limit=3');
    const seen: string[] = [];
    for (let number = 1; number <= 3; number++) {
      const names = await search.resultNames();
      expect(names, `page ${number}`).toHaveLength(number < 3 ? 3 : 1);
      seen.push(...names);
      expect(await search.hasNextPage()).toBe(number < 3);
      if (number < 3) await search.nextPage();
    }
    expect(seen).toEqual(
      Array.from({ length: 7 }, (_, i) => `Quernstone Trading ${String(i).padStart(2, '0')} Ltd`),
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the statement with its findings, the quoted evidence highlighted, and passes axe', async () => {
    const page = await ctx.browser.newPage();
    const statement = new StatementPage(page, ctx.url);
    const response = await statement.open(seeded.group!.header.id);
    expect(response?.status()).toBe(200);
    expect(await statement.heading()).toBe('Harrowgate Provisions Group plc');
    expect(await statement.findingText('uk-approval')).toContain('approved by the Board of Directors');
    expect(await page.getByRole('link', { name: 'Kestrel Bakeries Ltd' }).getAttribute('href')).toBe(
      '/statements?companyNumber=08111111',
    );
    expect(await axeViolations(page)).toEqual([]);
    await statement.openText();
    expect(await statement.highlightedSentences()).toEqual([
      'This statement was approved by the Board of Directors of Harrowgate Provisions Group plc.',
      'Our buyers completed training on forced labour indicators.',
    ]);
    await statement.highlight('Supply chains');
    expect(await statement.highlightedSentences()).toEqual([
      'We buy wheat and milk from farms in the UK and Poland.',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('shows the organisation’s years, missing ones marked, and passes axe', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/organisations/${seeded.mill!.header.organisationId}`);
    const years = await page
      .locator('#years tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) => `${row.getAttribute('data-year')} ${row.querySelector('td')?.textContent?.trim()}`),
      );
    expect(years).toEqual([
      '2026 Missing',
      '2025 Missing',
      '2024 Missing',
      '2023 Submitted',
      '2022 Missing',
      '2021 Missing',
      '2020 Missing',
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('draws the statistics as accessible SVG charts with tables, and passes axe', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/statistics`);
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    expect(await page.getByRole('img', { name: /Statements submitted per reporting year/ }).count()).toBe(1);
    const perYear = await page.locator('table').first().locator('tbody tr').allTextContents();
    // Reporting year, statements, checked, meeting the legal minimum, not meeting it, share.
    expect(perYear.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '2023 1 1 0 1 0%',
      expect.stringMatching(/^2025 9 9 /),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('can be used with the keyboard alone, from a search to a statement', async () => {
    const page = await ctx.browser.newPage();
    await page.goto(`${ctx.url}/statements`);
    const tabTo = async (matches: () => Promise<boolean>) => {
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        if (await matches()) return;
      }
      throw new Error('Never reached the element with Tab');
    };
    await tabTo(() => page.evaluate(() => document.activeElement?.id === 'q'));
    await page.keyboard.type('kestrel');
    await Promise.all([page.waitForURL(/\/statements\?q=kestrel/), page.keyboard.press('Enter')]);
    await page.waitForLoadState();
    await tabTo(() =>
      page.evaluate(() => (document.activeElement?.getAttribute('href') ?? '').startsWith('/statements/0')),
    );
    await Promise.all([page.waitForURL(/\/statements\/[0-9A-Z]{26}$/), page.keyboard.press('Enter')]);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(
      'Harrowgate Provisions Group plc',
    );
    await page.close();
  });
});
