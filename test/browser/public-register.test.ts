import { beforeAll, describe, expect, it } from 'vitest';
import {
  checkResultFor,
  putCheckResult,
  putOrganisation,
  putStatement,
  type SeededStatement,
} from '../public/fixtures.ts';
import { axeViolations, useBrowserRegister } from '../support/browser.ts';
import { pageOverflow, SearchPage, StatementPage } from './pages/public-pages.ts';

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
    // A chart's inline <style> or style="" would be refused by the CSP (style-src 'self'), and said so here.
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${ctx.url}/statistics`);
    expect(await page.locator('svg[role="img"]').count()).toBe(3);
    // Styled from register.scss instead: block, full width, in the page's font.
    expect(
      await page
        .locator('svg.register-chart__svg')
        .first()
        .evaluate((svg) => getComputedStyle(svg).display),
    ).toBe('block');
    expect(await page.getByRole('img', { name: /Statements submitted per reporting year/ }).count()).toBe(1);
    const perYear = await page.locator('table').first().locator('tbody tr').allTextContents();
    // Reporting year, statements, checked, meeting the legal minimum, not meeting it, share.
    expect(perYear.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '2023 1 1 0 1 0%',
      expect.stringMatching(/^2025 9 9 /),
    ]);
    expect(await axeViolations(page)).toEqual([]);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });

  /** Axe's critical and serious violations only: the bar the issue sets. */
  const seriousViolations = async (page: Parameters<typeof axeViolations>[0]) =>
    (await axeViolations(page)).filter((v) => v.impact === 'critical' || v.impact === 'serious');

  it.each([
    ['desktop', 1280],
    ['320 px', 320],
  ])(
    'walks the public user’s journey at %s with no serious axe violation and no page wider than the screen',
    async (_name, width) => {
      const page = await ctx.browser.newPage({ viewport: { width, height: 800 } });
      const consoleErrors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') consoleErrors.push(message.text());
      });
      const search = new SearchPage(page, ctx.url);
      const visited: string[] = [];
      const check = async (where: string) => {
        visited.push(where);
        expect(await seriousViolations(page), where).toEqual([]);
        const { scrollWidth } = await pageOverflow(page);
        expect(scrollWidth, where).toBeLessThanOrEqual(width);
      };

      await page.goto(`${ctx.url}/`);
      await check('home');
      await search.search('quernstone', { sector: 'Other' });
      expect(await search.resultCount()).toBe('7 statements');
      await check('search with a filter');
      await search.open('?q=quernstone&sector=Other&sort=name&limit=3');
      // On a small screen GOV.UK pagination shows only the current, first and last numbers.
      if (width >= 641) await search.goToPage(2);
      else await search.nextPage();
      expect(page.url()).toMatch(/[?&]page=2(&|$)/);
      expect(await search.resultNames()).toEqual([
        'Quernstone Trading 03 Ltd',
        'Quernstone Trading 04 Ltd',
        'Quernstone Trading 05 Ltd',
      ]);
      expect(await search.resultCount()).toBe('7 statements, page 2 of 3');
      await check('search, page 2');
      await page.goto(`${ctx.url}/organisations/${seeded.group!.header.organisationId}`);
      await check('organisation');
      await new StatementPage(page, ctx.url).open(seeded.group!.header.id);
      await check('statement');
      await page.goto(`${ctx.url}/statistics`);
      await check('statistics');
      await page.locator('footer').getByRole('link', { name: 'Cookies' }).click();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Cookies');
      await check('cookies');
      await page.locator('footer').getByRole('link', { name: 'Accessibility statement' }).click();
      await check('accessibility');
      const missing = await page.goto(`${ctx.url}/statements/01JDQ8Z4V6W4Y0B3C9E7K2M5N8`);
      expect(missing?.status()).toBe(404);
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Page not found');
      await check('unknown statement');
      // The 404 above is the one console error a browser reports for it; nothing else (no favicon 404).
      expect(consoleErrors.filter((text) => !text.includes('404'))).toEqual([]);
      expect(consoleErrors.length).toBeLessThanOrEqual(1);
      await page.close();
    },
  );

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
