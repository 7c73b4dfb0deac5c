import { Hono } from 'hono';
import { type SearchFilters, searchFiltersSchema } from '../../../schemas/search.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { significantWords } from '../../domain/names.ts';
import { planSearch } from '../../domain/search/plan.ts';
import { countSearch, type SearchCount } from '../../store/search/count-search.ts';
import { correctQuery, searchSimilarNames } from '../../store/search/search-similar-names.ts';
import { searchStatements } from '../../store/search/search-statements.ts';
import { CACHE_SECONDS, cachePublicly } from '../cache.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { ratingItems, resultView, sectorItems, turnoverItems, yearItems } from '../public-labels.ts';
import { numberedPagination } from './pagination.ts';

const PAGE_SIZE = 20;
/** Read units a numbered page may spend: enough to fill it when filters keep few entries. */
const NUMBERED_PAGE_BUDGET = 16;

/** Whether the form has a filter besides the name (what "Clear filters" takes away). */
const hasFilters = (values: Record<string, string>) =>
  ['companyNumber', 'sector', 'turnover', 'year', 'rating'].some((name) => values[name]);

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
    let similar = false;
    let correctedQuery: string | undefined;
    let nextPage: string | null = null;
    let filters: SearchFilters | undefined;
    // `page` is a page number (1, 2, …) or, past the counted pages, the opaque cursor of a next page.
    const numbered = /^\d{1,6}$/.test(query.page ?? '') ? Number(query.page) : undefined;
    const cursorPage = numbered === undefined && query.page ? query.page : undefined;
    let count: SearchCount | undefined;
    let outOfRange = false;

    if (parsed.success && searched) {
      filters = parsed.data;
      try {
        const plan = planSearch(filters);
        const pageNumber = numbered ?? 1;
        if (!cursorPage) count = await countSearch(deps.store, plan, { pageSize: limit });
        const cursor = cursorPage ?? (pageNumber > 1 ? count?.pageCursors[pageNumber - 2] : undefined);
        if (!cursorPage && pageNumber > 1 && !cursor) {
          outOfRange = true;
        } else {
          const page = await searchStatements(deps.store, plan, {
            limit,
            cursor,
            readBudget: NUMBERED_PAGE_BUDGET,
          });
          results = page.items.map(resultView);
          nextPage = page.nextCursor;
        }
        // Nothing found by name: statements whose names are one letter away (typo-tolerant).
        const words = filters.q && plan.facet.kind !== 'company' ? significantWords(filters.q) : [];
        if (results.length === 0 && !outOfRange && pageNumber === 1 && !cursorPage && words.length > 0) {
          // First the exact search with one word corrected ("Did you mean"), then names one typo away.
          const corrected = await correctQuery(deps.store, words);
          if (corrected) {
            const page = await searchStatements(
              deps.store,
              planSearch({ ...filters, q: corrected.join(' ') }),
              {
                limit,
                readBudget: NUMBERED_PAGE_BUDGET,
              },
            );
            results = page.items.map(resultView);
          }
          if (results.length === 0) {
            results = (await searchSimilarNames(deps.store, plan, words, { limit })).map(resultView);
          }
          similar = results.length > 0;
          correctedQuery = similar && corrected ? corrected.join(' ') : undefined;
        }
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors =
          error.fieldErrors.length > 0
            ? error.fieldErrors
            : [{ path: '/page', message: 'That page of results has expired: search again' }];
      }
    }
    const pageNumber = numbered ?? 1;
    const knownPages = count ? Math.max(1, count.pageCursors.length + 1) : 0;
    const pagination =
      count && !similar && !outOfRange && !cursorPage
        ? numberedPagination(pageNumber, knownPages, (n) => linkWith(values, limit, String(n)), {
            nextHref:
              pageNumber < knownPages
                ? linkWith(values, limit, String(pageNumber + 1))
                : nextPage && !count.complete
                  ? linkWith(values, limit, nextPage)
                  : undefined,
          })
        : undefined;
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
        onLaterPage: Boolean(cursorPage),
        similar,
        correctedQuery,
        outOfRange,
        pageNumber,
        knownPages,
        resultCount: count && !similar ? { total: count.total, complete: count.complete } : undefined,
        pagination,
        clearFiltersHref: hasFilters(values) ? linkWith({ q: values.q }, limit) : undefined,
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
        nextPageHref: cursorPage && nextPage ? linkWith(values, limit, nextPage) : null,
      },
      errors.length > 0 ? 400 : 200,
    );
  });
}
