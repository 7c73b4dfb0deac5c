import type { Organisation } from '../../schemas/organisation.ts';
import type {
  OrganisationStatement,
  OrganisationView,
  OrganisationYear,
  StatementView,
} from '../../schemas/public-statement.ts';
import type { SearchFilters, SearchPage } from '../../schemas/search.ts';
import type { StatementHeader } from '../../schemas/statement.ts';
import { addMonths } from '../../schemas/submission.ts';
import { notFound } from '../domain/errors.ts';
import { publicStatement } from '../domain/public-statement.ts';
import { applyReviews } from '../domain/reviews/apply-reviews.ts';
import { reviewedCheckResult } from '../domain/reviews/reviews.ts';
import { planSearch } from '../domain/search/plan.ts';
import type { CapacityMeter } from '../store/capacity.ts';
import { getOrganisation } from '../store/organisations/get-organisation.ts';
import { listReviews } from '../store/reviews/list-reviews.ts';
import { searchStatements } from '../store/search/search-statements.ts';
import { getStatement } from '../store/statements/get-statement.ts';
import { listRevisions } from '../store/statements/list-revisions.ts';
import { listStatementsOfOrganisation } from '../store/statements/list-statements-of-organisation.ts';
import { getHistory, getStatementPage } from '../store/statements/statement-page.ts';
import type { AppDeps } from './deps.ts';

/**
 * What the public routes show, read from the store: shared by the JSON API and the pages so the
 * two cannot disagree.
 */

export async function searchView(
  deps: Pick<AppDeps, 'store'>,
  filters: SearchFilters,
  page: { limit: number; cursor?: string | undefined; capacity?: CapacityMeter },
): Promise<SearchPage> {
  return searchStatements(deps.store, planSearch(filters), page);
}

/** Drafts never submitted are not public: they are "not found", like unknown ids. */
function isPublic(header: StatementHeader | undefined): header is StatementHeader {
  return header !== undefined && header.status !== 'draft' && header.revision > 0;
}

/**
 * One statement at a submitted revision (the latest by default), with that revision's check
 * result and the whole revision list. Withdrawn statements stay readable, marked as withdrawn.
 */
export async function statementView(
  deps: Pick<AppDeps, 'store'>,
  id: string,
  revisionNumber?: number,
): Promise<StatementView> {
  const header = await getStatement(deps.store, id);
  if (!isPublic(header)) throw notFound('The statement');
  const wanted = revisionNumber ?? header.revision;
  const [revisions, checkResult] = await Promise.all([
    listRevisions(deps.store, id),
    reviewedCheckResult(deps.store, id, wanted),
  ]);
  const revision = revisions.find((r) => r.revision === wanted);
  if (!revision) throw notFound(`Revision ${wanted} of the statement`);
  const check = wanted === header.revision ? header.check : (checkResult?.summary ?? null);
  return {
    statement: publicStatement(header, revision, check),
    checkResult: checkResult ?? null,
    revisions: revisions.map((r) => ({
      revision: r.revision,
      submittedAt: r.submittedAt,
      periodStart: r.document.periodStart,
      periodEnd: r.document.periodEnd,
    })),
  };
}

/** The statement page's view: the check's findings with their evidence, without the sentences. */
export type StatementPageView = StatementView & { sentenceCount: number };

/**
 * What the statement page shows, read from its own small items (store/statements/statement-page.ts):
 * the header, then one Query for the revision and its check, and the reviews — never the pasted
 * text, the sentences or the other revisions, so the page costs the same few read units whatever
 * the statement's length and history. Statements stored before those items existed are read the
 * older way (statementView).
 */
export async function statementPageView(
  deps: Pick<AppDeps, 'store'>,
  id: string,
  revisionNumber?: number,
  capacity?: CapacityMeter,
): Promise<StatementPageView> {
  const header = await getStatement(deps.store, id, { capacity });
  if (!isPublic(header)) throw notFound('The statement');
  const wanted = revisionNumber ?? header.revision;
  if (!Number.isInteger(wanted) || wanted < 1 || wanted > header.revision)
    throw notFound(`Revision ${wanted} of the statement`);
  const [page, latest, reviews] = await Promise.all([
    getStatementPage(deps.store, id, wanted, capacity),
    wanted === header.revision ? undefined : getHistory(deps.store, id, header.revision, capacity),
    listReviews(deps.store, id, wanted, { capacity }),
  ]);
  const history = wanted === header.revision ? page.revision?.history : latest;
  if (!page.revision || !history || (!page.check && header.check !== null && wanted === header.revision)) {
    // Stored before the page items existed (or checked before them): the full items.
    const view = await statementView(deps, id, revisionNumber);
    return { ...view, sentenceCount: view.checkResult?.sentences.length ?? 0 };
  }
  const reviewed = page.check ? applyReviews({ ...page.check, sentences: [] }, reviews) : undefined;
  const check = wanted === header.revision ? header.check : (reviewed?.summary ?? null);
  return {
    statement: publicStatement(header, page.revision, check),
    checkResult: reviewed ?? null,
    revisions: history,
    sentenceCount: page.check?.sentenceCount ?? 0,
  };
}

/** The end of an organisation's financial year in a reporting year ("02-29" is the 28th in other years). */
export function periodEndIn(year: number, financialYearEnd: string): string {
  const [month, day] = financialYearEnd.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The filing deadline: six months after the period end (api.md). */
export const deadlineOf = (periodEnd: string) => addMonths(periodEnd, 6);

/** The first reporting year the law applies to: financial years ending on or after 31 March 2016. */
const FIRST_YEAR = 2016;

/**
 * An organisation's reporting years, newest first: each year with its statement, and — for an
 * organisation in scope — each year whose deadline has passed without one, as `missing`. Years
 * are counted from the earlier of its first statement and the year it was added to the register
 * (never before 2016), up to the last year whose deadline has passed (plus any later statement).
 */
export function organisationYears(
  organisation: Pick<Organisation, 'financialYearEnd' | 'createdAt' | 'inScope'>,
  headers: StatementHeader[],
  today: string,
): OrganisationYear[] {
  const shown = headers.filter(isPublic);
  const byYear = new Map(shown.map((h) => [h.year, h]));
  const lastDue = (() => {
    let year = Number(today.slice(0, 4));
    while (deadlineOf(periodEndIn(year, organisation.financialYearEnd)) >= today) year--;
    return year;
  })();
  const years = new Set(shown.map((h) => h.year));
  if (organisation.inScope) {
    const added = Math.max(FIRST_YEAR, Number(organisation.createdAt.slice(0, 4)));
    const first = Math.min(added, ...years);
    for (let year = first; year <= lastDue; year++) years.add(year);
  }
  return [...years]
    .sort((a, b) => b - a)
    .map((year) => {
      const header = byYear.get(year);
      const deadline = header
        ? deadlineOf(header.periodEnd)
        : deadlineOf(periodEndIn(year, organisation.financialYearEnd));
      if (!header)
        return { year, deadline, status: year <= lastDue ? 'missing' : 'not_yet_due', statement: null };
      const statement: OrganisationStatement = {
        id: header.id,
        year: header.year,
        periodStart: header.periodStart,
        periodEnd: header.periodEnd,
        status: header.status,
        revision: header.revision,
        submittedAt: header.submittedAt,
        check: header.check,
        isGroup: header.isGroup,
        deadline,
        late: header.submittedAt !== null && header.submittedAt.slice(0, 10) > deadline,
      };
      return { year, deadline, status: header.status === 'withdrawn' ? 'withdrawn' : 'submitted', statement };
    });
}

export async function organisationView(
  deps: Pick<AppDeps, 'store' | 'clock'>,
  id: string,
): Promise<OrganisationView> {
  const organisation = await getOrganisation(deps.store, id);
  if (!organisation) throw notFound('The organisation');
  const headers = await listStatementsOfOrganisation(deps.store, id);
  return {
    organisation: {
      id: organisation.id,
      name: organisation.name,
      companyNumber: organisation.companyNumber,
      entityType: organisation.entityType,
      financialYearEnd: organisation.financialYearEnd,
      turnover: organisation.turnover,
    },
    years: organisationYears(organisation, headers, deps.clock().toISOString().slice(0, 10)),
  };
}
