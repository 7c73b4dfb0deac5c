import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DOMParser, parseHTML } from 'linkedom';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { reindexStatement } from '../../functions/worker/index-statement.ts';
import {
  checkResultFor,
  putCheckResult,
  putOrganisation,
  putStatement,
  type SeededStatement,
} from '../public/fixtures.ts';
import { authFor, testApp } from '../support/app.ts';
import { useTestTable } from '../support/table.ts';

describe('the public pages', () => {
  const table = useTestTable();
  const seeded: { group?: SeededStatement } = {};
  const archivedHtml = new TextEncoder().encode(
    '<html><body><script>alert(1)</script>Our statement</body></html>',
  );

  const page = async (path: string, headers: Record<string, string> = {}) => {
    const { app, errors, archive } = testApp(table.store);
    await archive.put('statements/copy.html', archivedHtml, 'text/html');
    const response = await app.request(path, { headers });
    expect(errors).toEqual([]);
    return { response, html: await response.text() };
  };
  const dom = (html: string) => parseHTML(html).document;

  beforeAll(async () => {
    const organisation = await putOrganisation(table.store, {
      name: 'Tallow & <Wick> Group plc',
      companyNumber: '05555555',
    });
    const statement = await putStatement(table.store, {
      organisation,
      document: {
        isGroup: true,
        groupMembers: [
          { name: 'Tallow Candles Ltd', companyNumber: '06666666' },
          { name: 'Wick Logistics Ltd', companyNumber: null },
        ],
        archivedFile: {
          key: 'statements/copy.html',
          contentType: 'text/html',
          bytes: archivedHtml.length,
          sha256: 'a'.repeat(64),
        },
      },
    });
    seeded.group = await putCheckResult(
      table.store,
      statement,
      checkResultFor({ meetsLegalMinimum: true, areasCovered: 5, rating: 'adequate' }, [
        { text: 'This statement was approved by the Board of Directors on 1 July 2025.', tags: ['approval'] },
        { text: 'All buyers completed modern slavery training.', tags: ['training'] },
        { text: 'We source cotton from several countries.', tags: ['supply_chains'] },
      ]),
    );
    await reindexStatement(table.store, statement.header.id, { now: () => '2026-01-01T00:00:00.000Z' });
  });

  it('searches from the page and links each result to its statement', async () => {
    const { response, html } = await page('/statements?q=candles');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=60/);
    const results = dom(html).querySelectorAll('.register-results li');
    expect(results).toHaveLength(1);
    expect(results[0]?.querySelector('a')?.getAttribute('href')).toBe(
      `/statements/${seeded.group!.header.id}`,
    );
    expect(results[0]?.textContent).toContain('Group statement that covers Tallow Candles Ltd');
    expect(results[0]?.textContent).toContain('Adequate');
  });

  it('lists the newest statements when only a sort order is given (the feed’s web page)', async () => {
    const { html } = await page('/statements?sort=date');
    expect(dom(html).querySelectorAll('.register-results li')).toHaveLength(1);
  });

  it('shows an error summary linked to the field for a bad filter, and keeps signed-in pages out of shared caches', async () => {
    const { response, html } = await page('/statements?q=tallow&year=1990');
    expect(response.status).toBe(400);
    const summary = dom(html).querySelector('.govuk-error-summary');
    expect(summary?.querySelector('a')?.getAttribute('href')).toBe('#year');
    const signedIn = await page('/statements?q=tallow', await authFor({ email: 'reader@example.com' }));
    expect(signedIn.response.headers.get('cache-control')).toBe('private, no-store');
  });

  it('shows every answer, the members linked, the findings with their quoted evidence highlighted, and the history', async () => {
    const id = seeded.group!.header.id;
    const { response, html } = await page(`/statements/${id}`);
    expect(response.status).toBe(200);
    const document = dom(html);
    expect(document.querySelector('h1')?.textContent).toBe('Tallow & <Wick> Group plc');
    expect(html).not.toContain('<Wick>');
    const memberLinks = Array.from(document.querySelectorAll('a')).filter(
      (a) => a.textContent === 'Tallow Candles Ltd',
    );
    expect(memberLinks[0]?.getAttribute('href')).toBe('/statements?companyNumber=06666666');
    expect(document.querySelector('#finding-uk-approval')?.textContent).toContain('Board of Directors');
    const text = document.querySelector('a[href$="/revisions/1/text"]');
    expect(text?.textContent).toContain('sentence by sentence');
    const sentences = dom((await page(`/statements/${id}/revisions/1/text`)).html);
    expect(sentences.querySelector('#sentence-0 mark')?.textContent).toContain('approved by the Board');
    expect(sentences.querySelector('#sentence-2 mark')).toBeNull();
    expect(document.querySelector('a[href$="/revisions/1/document"]')?.textContent).toContain('web page');
    expect(html).toContain('Revision 1');

    const training = dom((await page(`/statements/${id}/revisions/1/text?highlight=training`)).html);
    expect(training.querySelector('#sentence-1 mark')?.textContent).toContain('training');
    expect(training.querySelector('#sentence-0 mark')).toBeNull();
  });

  it('serves the archived copy of a web page as a download, under a CSP that blocks its scripts', async () => {
    const { response, html } = await page(`/statements/${seeded.group!.header.id}/revisions/1/document`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="statement-.*-revision-1\.html"$/,
    );
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-/);
    expect(html).toContain('Our statement');
  });

  it('shows an organisation’s years with missing ones marked', async () => {
    const { response, html } = await page(`/organisations/${seeded.group!.header.organisationId}`);
    expect(response.status).toBe(200);
    const rows = Array.from(dom(html).querySelectorAll('#years tbody tr')).map((row) =>
      row.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows[0]).toMatch(/^2026 Missing/);
    expect(rows.find((row) => row?.startsWith('2025'))).toMatch(/Submitted/);
  });

  it('draws the statistics as SVG charts with a title and description, each with a table of the figures', async () => {
    const { response, html } = await page('/statistics');
    expect(response.status).toBe(200);
    const document = dom(html);
    const charts = document.querySelectorAll('svg[role="img"]');
    expect(charts.length).toBe(3);
    for (const svg of Array.from(charts)) {
      const [title, desc] = (svg.getAttribute('aria-labelledby') ?? '').split(' ');
      expect(document.getElementById(title!)?.textContent).toBeTruthy();
      expect(document.getElementById(desc!)?.textContent).toBeTruthy();
    }
    expect(document.querySelector('table')?.textContent).toContain('2025');
    expect(document.querySelector('a[href="/api/v1/downloads/statements-2025.csv"]')).not.toBeNull();
  });

  it('publishes new statements as an Atom feed', async () => {
    const { response, html } = await page('/statements.atom');
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const feed = new DOMParser().parseFromString(html, 'text/xml');
    const entries = feed.querySelectorAll('entry');
    expect(entries).toHaveLength(1);
    expect(entries[0]?.querySelector('title')?.textContent).toBe(
      'Tallow & <Wick> Group plc: statement for 2025',
    );
    expect(entries[0]?.querySelector('link')?.getAttribute('href')).toMatch(
      new RegExp(`/statements/${seeded.group!.header.id}$`),
    );
  });

  it.each([
    ['a substituted letter', 'candlas'],
    ['a left-out letter', 'candes'],
    ['an added letter', 'candless'],
    ['two letters swapped', 'cnadles'],
    ['a typo in the shorter word', 'candles tallaw'],
  ])('finds the organisation despite %s (“%s”), saying the names are similar', async (_what, q) => {
    const { response, html } = await page(`/statements?q=${encodeURIComponent(q)}`);
    expect(response.status).toBe(200);
    const document = dom(html);
    expect(document.querySelector('#results-heading')?.textContent).toBe(
      'No exact matches: statements with a similar name',
    );
    expect(
      Array.from(document.querySelectorAll('.register-results li h3 a')).map((a) => a.textContent),
    ).toEqual(['Tallow & <Wick> Group plc']);
  });

  it('runs the exact search again with the typo corrected, and says so', async () => {
    const { html } = await page('/statements?q=candlas');
    expect(html).toContain('Nothing is named exactly “candlas”. Showing statements for “candles”.');
  });

  it('finds nothing for a name two letters away', async () => {
    const { html } = await page('/statements?q=cendlas');
    expect(dom(html).querySelector('#results-heading')?.textContent).toBe('No statements found');
  });

  it('counts the results, offers to clear the filters, and explains a page past the last', async () => {
    const { html } = await page('/statements?q=tallow&sector=&year=2025');
    const document = dom(html);
    expect(document.querySelector('#result-count')?.textContent).toBe('1 statement');
    expect(document.querySelector('#clear-filters')?.getAttribute('href')).toBe('/statements?q=tallow');
    const past = await page('/statements?q=tallow&page=3');
    expect(past.response.status).toBe(200);
    expect(dom(past.html).querySelector('#results-heading')?.textContent).toBe(
      'There is no page 3 of these results',
    );
    expect(past.html).toContain('There is 1 page of results (1 statement).');
  });

  it.each([
    '/statements/01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
    '/statements/nope',
    '/organisations/01JDQ8Z4V6W4Y0B3C9E7K2M5N8',
    '/no-such-page',
  ])('answers a browser asking for %s with a 404 "Page not found" page', async (path) => {
    const accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
    const { response, html } = await page(path, { accept });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(dom(html).querySelector('h1')?.textContent).toBe('Page not found');
    expect(html).toContain('If you typed the web address, check it is correct.');
  });

  it('answers an unknown revision with the 404 page, and with problem JSON to a client asking for JSON', async () => {
    const path = `/statements/${seeded.group!.header.id}/revisions/99`;
    const browser = await page(path, { accept: 'text/html' });
    expect(browser.response.status).toBe(404);
    expect(dom(browser.html).querySelector('h1')?.textContent).toBe('Page not found');
    const client = await page(path, { accept: 'application/json' });
    expect(client.response.status).toBe(404);
    expect(client.response.headers.get('content-type')).toBe('application/problem+json');
    expect(JSON.parse(client.html)).toMatchObject({ status: 404 });
  });

  it('keeps problem JSON on the API even for a client that asks for HTML', async () => {
    const { response } = await page('/api/v1/statements/01JDQ8Z4V6W4Y0B3C9E7K2M5N8', {
      accept: 'text/html',
    });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['/cookies', 'Cookies', 'register_session'],
    [
      '/accessibility',
      'Accessibility statement for the modern slavery statement register',
      'Enforcement procedure',
    ],
  ])('serves %s, linked from every page’s footer', async (path, heading, text) => {
    const { response, html } = await page(path);
    expect(response.status).toBe(200);
    expect(dom(html).querySelector('h1')?.textContent).toBe(heading);
    expect(html).toContain(text);
    const home = dom((await page('/')).html);
    expect(home.querySelector(`footer a[href="${path}"]`)).not.toBeNull();
  });

  it.each([
    { contact: 'accessibility@register.example', shown: 'accessibility@register.example', link: true },
    {
      contact: undefined,
      shown: 'this register has not been given an accessibility contact address yet',
      link: false,
    },
  ])(
    'gives the accessibility statement the configured contact ($contact), never a made-up address',
    async ({ contact, shown, link }) => {
      const { app } = testApp(table.store, undefined, contact ? { accessibilityContact: contact } : {});
      const html = await (await app.request('/accessibility')).text();
      const document = dom(html);
      expect(document.querySelector('#accessibility-contact')?.textContent).toBe(shown);
      expect(document.querySelector('#accessibility-contact')?.getAttribute('href') ?? null).toBe(
        link ? `mailto:${contact}` : null,
      );
      expect(html).not.toContain('example.gov.uk');
    },
  );

  it('names the installed GOV.UK Frontend version in the accessibility statement, so an upgrade means checking its known issues again', async () => {
    const { app } = testApp(table.store);
    const document = dom(await (await app.request('/accessibility')).text());
    const { version: installed } = z
      .object({ version: z.string() })
      .parse(
        JSON.parse(
          readFileSync(createRequire(import.meta.url).resolve('govuk-frontend/package.json'), 'utf8'),
        ),
      );
    expect(document.querySelector('#govuk-frontend-version')?.textContent).toBe(installed);
    const links = Array.from(document.querySelectorAll('#govuk-frontend-known-issues a')).map((a) =>
      a.getAttribute('href'),
    );
    expect(links).toEqual([
      'https://github.com/alphagov/govuk-frontend/issues/3693',
      'https://github.com/alphagov/govuk-frontend/issues/3686',
    ]);
  });

  it('gives every public page its own meta description and the GOV.UK icons', async () => {
    const paths = [
      '/',
      '/statements?q=tallow',
      `/statements/${seeded.group!.header.id}`,
      `/organisations/${seeded.group!.header.organisationId}`,
      '/statistics',
      '/cookies',
      '/accessibility',
    ];
    const descriptions = new Set<string>();
    for (const path of paths) {
      const document = dom((await page(path)).html);
      const description = document.querySelector('meta[name="description"]')?.getAttribute('content');
      expect(description?.length ?? 0, path).toBeGreaterThan(40);
      descriptions.add(description!);
      expect(document.querySelector('link[rel="icon"]')?.getAttribute('href'), path).toBe(
        '/assets/govuk/images/favicon.ico',
      );
    }
    expect(descriptions.size).toBe(paths.length);
  });

  it('sends /favicon.ico to GOV.UK Frontend’s icon', async () => {
    const { response } = await page('/favicon.ico');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/assets/govuk/images/favicon.ico');
  });
});
