import { Hono } from 'hono';
import { type SearchFilters, searchFiltersSchema } from '../../../schemas/search.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { CACHE_SECONDS, cachePublicly } from '../cache.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { ratingItems, resultView, sectorItems, turnoverItems, yearItems } from '../public-labels.ts';
import { searchView } from '../public-views.ts';

const PAGE_SIZE = 20;

/** `limit` as the API takes it (1 to 100), kept in the page links; anything else is the default. */
function pageSize(value: string | undefined): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : PAGE_SIZE;
}

const SORT_ITEMS = [
  { value: 'relevance', text: 'Best match' },
  { value: 'name', text: 'Name (A to Z)' },
  { value: 'date', text: 'Newest submitted' },
];

/** The form's fields, as given, to show them back (and to build the next page's link). */
function formValues(query: Record<string, string>) {
  const keep = ['q', 'companyNumber', 'sector', 'turnover', 'year', 'rating', 'sort'] as const;
  return Object.fromEntries(keep.map((name) => [name, (query[name] ?? '').slice(0, 200)])) as Record<
    (typeof keep)[number],
    string
  >;
}

function linkWith(values: Record<string, string>, limit: number, page?: string): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  if (limit !== PAGE_SIZE) params.set('limit', String(limit));
  if (page) params.set('page', page);
  return `/statements?${params.toString()}`;
}

/**
 * GET /statements: the search form and its results. Works without JavaScript: a GET form, a
 * "next page" link carrying the opaque cursor in `page`, and errors shown in an error summary.
 */
export function searchPage(deps: AppDeps) {
  return new Hono<AppEnv>().get('/statements', async (c) => {
    const query = c.req.query();
    const values = formValues(query);
    const limit = pageSize(query.limit);
    // Any field, even only a sort order ("newest first"), lists statements.
    const searched = Object.values(values).some((value) => value !== '');
    const parsed = searchFiltersSchema.safeParse(values);
    let errors: FieldError[] = parsed.success ? [] : fieldErrorsFromZod(parsed.error.issues);
    let results: ReturnType<typeof resultView>[] = [];
    let nextPage: string | null = null;
    let filters: SearchFilters | undefined;

    if (parsed.success && searched) {
      filters = parsed.data;
      try {
        const page = await searchView(deps, filters, { limit, cursor: query.page || undefined });
        results = page.items.map(resultView);
        nextPage = page.nextCursor;
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors =
          error.fieldErrors.length > 0
            ? error.fieldErrors
            : [{ path: '/page', message: 'That page of results has expired: search again' }];
      }
    }
    const errorFor = (field: string) => errors.find((e) => e.path === `/${field}`)?.message;
    cachePublicly(c, CACHE_SECONDS.search);
    return renderPage(
      c,
      deps,
      'search.njk',
      {
        title:
          errors.length > 0
            ? 'Error: Search statements'
            : values.q
              ? `Statements matching ${values.q}`
              : 'Search statements',
        description:
          'Search modern slavery statements by organisation name or company number, sector, year, turnover or check rating.',
        activeNav: 'search',
        values,
        searched: searched && errors.length === 0,
        onLaterPage: Boolean(query.page),
        errors: errors.map((e) => ({
          text: e.message,
          href: `#${e.path === '/page' ? 'q' : e.path.slice(1)}`,
        })),
        errorFor: {
          q: errorFor('q'),
          companyNumber: errorFor('companyNumber'),
          sector: errorFor('sector'),
          turnover: errorFor('turnover'),
          year: errorFor('year'),
          rating: errorFor('rating'),
        },
        sectors: sectorItems(filters?.sector ?? values.sector),
        turnovers: turnoverItems(filters?.turnover ?? values.turnover),
        years: yearItems(filters?.year, deps.clock().getUTCFullYear()),
        ratings: ratingItems(filters?.rating ?? values.rating),
        sorts: SORT_ITEMS.map((item) => ({
          ...item,
          checked: item.value === (filters?.sort ?? 'relevance'),
        })),
        results,
        firstPageHref: linkWith(values, limit),
        nextPageHref: nextPage ? linkWith(values, limit, nextPage) : null,
      },
      errors.length > 0 ? 400 : 200,
    );
  });
}
