import type { Context, Hono } from 'hono';
import type { ComplianceSummary } from '../../../schemas/compliance.ts';
import { FLAG_TYPES, type Flag } from '../../../schemas/flag.ts';
import { FIRST_REPORTING_YEAR } from '../../domain/compliance/reporting-years.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { type ChartBuilders, COLOURS, loadCharts, NOT_DETERMINED } from './charts.ts';
import { complianceSummary, defaultSummaryYear } from './officers-compliance-api.ts';
import { numberedPagination } from './pagination.ts';

/** Sectors listed per page on the legal-minimum page. */
export const SECTORS_PER_PAGE = 10;

export const pct = (rate: number | null) => (rate === null ? 'None checked' : `${Math.round(rate * 100)}%`);

/** The reporting year asked for (`?year=`), or the dashboard's default when absent or out of range. */
export function summaryYear(c: Context, deps: AppDeps): number {
  const requested = Number(c.req.query('year'));
  const thisYear = deps.clock().getUTCFullYear();
  return Number.isInteger(requested) && requested >= FIRST_REPORTING_YEAR && requested <= thisYear + 1
    ? requested
    : defaultSummaryYear(deps.clock());
}

type TypeLabels = Record<Flag['type'], string>;

function charts(
  { groupedBarChart, horizontalBarChart }: ChartBuilders,
  summary: ComplianceSummary,
  typeLabels: TypeLabels,
) {
  const years = summary.years;
  return {
    perYear: groupedBarChart({
      id: 'chart-per-year',
      title: 'Organisations in scope and statements received, by reporting year',
      description: years
        .map((y) => `${y.year}: ${y.organisationsInScope} in scope, ${y.statementsReceived} received`)
        .join('; '),
      groups: years.map((y) => ({
        label: String(y.year),
        values: [y.organisationsInScope, y.statementsReceived],
      })),
      series: [
        { name: 'Organisations in scope', fill: COLOURS.blue },
        { name: 'Statements received', fill: COLOURS.green },
      ],
    }),
    flags: horizontalBarChart({
      id: 'chart-flags',
      title: `Outstanding flags for ${summary.year}, by type`,
      description: FLAG_TYPES.map((type) => `${typeLabels[type]}: ${summary.flags[type].outstanding}`).join(
        '; ',
      ),
      rows: FLAG_TYPES.map((type) => ({
        label: typeLabels[type],
        value: summary.flags[type].outstanding,
        display: summary.flags[type].outstanding.toLocaleString('en-GB'),
      })),
      fill: COLOURS.orange,
    }),
    age: horizontalBarChart({
      id: 'chart-age',
      title: 'Open flags by age',
      description: summary.openFlagsByAge.map((bucket) => `${bucket.label}: ${bucket.count}`).join('; '),
      rows: summary.openFlagsByAge.map((bucket) => ({
        label: bucket.label,
        value: bucket.count,
        display: bucket.count.toLocaleString('en-GB'),
      })),
      fill: COLOURS.purple,
    }),
  };
}

function sectorsChart(
  { horizontalBarChart }: ChartBuilders,
  summary: ComplianceSummary,
  rows: ComplianceSummary['bySector'],
) {
  return horizontalBarChart({
    id: 'chart-sectors',
    title: `Share of ${summary.year} statements meeting the legal minimum, by sector`,
    description:
      rows.length === 0
        ? 'No statements checked yet.'
        : rows.map((row) => `${row.sector}: ${pct(row.passRate)}`).join('; '),
    // Of the statements the checker could decide: none decided is "Not determined", not 0%.
    rows: rows.map((row) => {
      const decided = row.pass + row.fail;
      const rate = decided > 0 ? row.pass / decided : null;
      return {
        label: row.sector,
        value: rate === null ? null : Math.round(rate * 100),
        display: rate === null ? NOT_DETERMINED : pct(rate),
      };
    }),
    max: 100,
    unit: '%',
    fill: COLOURS.green,
  });
}

/**
 * The dashboard's details, each on its own page linked from the dashboard's summary cards:
 * statements received by year, flags by type and age, and the legal minimum by sector (paged).
 */
export function addOfficersFigurePages(app: Hono<AppEnv>, deps: AppDeps, typeLabels: TypeLabels) {
  const base = async (c: Context<AppEnv>) => {
    const summary = await complianceSummary(deps, summaryYear(c, deps));
    c.header('cache-control', 'private, no-store');
    return summary;
  };

  app.get('/officers/figures/received', async (c) => {
    const summary = await base(c);
    return renderPage(c, deps, 'officers/figures/received.njk', {
      title: 'Statements received against organisations in scope',
      activeNav: 'officers',
      summary,
      charts: charts(await loadCharts(), summary, typeLabels),
    });
  });

  app.get('/officers/figures/flags', async (c) => {
    const summary = await base(c);
    return renderPage(c, deps, 'officers/figures/flags.njk', {
      title: `Flags for ${summary.year}`,
      activeNav: 'officers',
      summary,
      charts: charts(await loadCharts(), summary, typeLabels),
      typeLabels,
      flagTypes: FLAG_TYPES,
    });
  });

  app.get('/officers/figures/sectors', async (c) => {
    const summary = await base(c);
    const lastPage = Math.max(1, Math.ceil(summary.bySector.length / SECTORS_PER_PAGE));
    const asked = Number(c.req.query('page') ?? '1');
    const href = (n: number) => `/officers/figures/sectors?year=${summary.year}&page=${n}`;
    if (Number.isInteger(asked) && asked > lastPage) {
      // Says so and links to the pages there are, rather than showing another page under this address.
      return renderPage(
        c,
        deps,
        'officers/figures/sectors.njk',
        {
          title: `There is no page ${asked}: legal minimum by sector, ${summary.year}`,
          activeNav: 'officers',
          summary,
          outOfRange: { asked, lastPage, firstHref: href(1), lastHref: href(lastPage) },
        },
        404,
      );
    }
    const page = Number.isInteger(asked) && asked >= 1 ? asked : 1;
    const rows = summary.bySector.slice((page - 1) * SECTORS_PER_PAGE, page * SECTORS_PER_PAGE);
    return renderPage(c, deps, 'officers/figures/sectors.njk', {
      title: `Legal minimum by sector, ${summary.year}`,
      activeNav: 'officers',
      summary,
      charts: { sectors: sectorsChart(await loadCharts(), summary, rows) },
      rows: rows.map((row) => ({ ...row, rate: pct(row.passRate) })),
      first: (page - 1) * SECTORS_PER_PAGE + 1,
      last: (page - 1) * SECTORS_PER_PAGE + rows.length,
      pagination: numberedPagination(page, lastPage, href, {
        nextHref: page < lastPage ? href(page + 1) : undefined,
        label: 'Pages of sectors',
      }),
    });
  });
}
