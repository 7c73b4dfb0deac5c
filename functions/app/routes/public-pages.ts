import { type Context, Hono } from 'hono';
import { SENTENCE_TAGS, type SentenceTag } from '../../../schemas/check-result.ts';
import { countryName } from '../../../schemas/countries.ts';
import type { OrganisationYear, StatementView } from '../../../schemas/public-statement.ts';
import { AREA_KEYS, AREAS } from '../../../schemas/registry-options.ts';
import type { RegisterStatistics } from '../../../schemas/statistics.ts';
import { DOCX_TYPE } from '../../../schemas/submission.ts';
import { notFound } from '../../domain/errors.ts';
import { planSearch } from '../../domain/search/plan.ts';
import { documentKindName } from '../../domain/submissions/documents.ts';
import { getStatistics } from '../../store/public/get-statistics.ts';
import { searchStatements } from '../../store/search/search-statements.ts';
import { getRevision } from '../../store/statements/get-revision.ts';
import { listStatementsOfOrganisation } from '../../store/statements/list-statements-of-organisation.ts';
import { statementsFeed } from '../atom-feed.ts';
import { CACHE_SECONDS, cachePublicly } from '../cache.ts';
import { checkResultView, TAG_LABELS } from '../check-result-view.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { siteAddressOf } from '../edge.ts';
import { renderPage } from '../page.ts';
import { checkLabel } from '../public-labels.ts';
import {
  organisationView,
  type StatementPageView,
  statementPageView,
  statementView,
} from '../public-views.ts';
import { type ChartBuilders, COLOURS, loadCharts, NOT_DETERMINED } from './charts.ts';

const APPROVED_BY: Record<string, string> = {
  board: 'The board of directors (or equivalent management body)',
  members: 'The members of the LLP',
  other: 'Another body',
};
const ROLES: Record<string, string> = {
  director: 'Director',
  designated_member: 'Designated member',
  general_partner: 'General partner',
  partner: 'Partner',
  other: 'Other',
};

const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

function bytesText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Everything the statement page shows, shaped for the template. */
function statementPageModel(view: StatementView | StatementPageView, highlight: SentenceTag | undefined) {
  const { statement, checkResult } = view;
  const doc = statement.document;
  const check = checkResult ? checkResultView(checkResult) : undefined;
  const evidence = new Set<number>();
  for (const finding of checkResult?.findings ?? []) {
    // Evidence numbers sentences from 1; the page indexes them from 0.
    for (const e of finding.evidence) if (e.sentence !== undefined) evidence.add(e.sentence - 1);
  }
  const sentences = (check?.sentences ?? []).map((s) => ({
    ...s,
    evidence: evidence.has(s.index),
    highlighted: highlight ? s.tags.some((t) => t.tag === highlight) : evidence.has(s.index),
  }));
  const usedTags = SENTENCE_TAGS.filter((tag) => sentences.some((s) => s.tags.some((t) => t.tag === tag)));
  const summary = doc.summary;
  const listed = (values: readonly string[] | undefined, other?: string) => [
    ...(values ?? []).filter((v) => v !== 'Other'),
    ...(other ? [`Other: ${other}`] : []),
  ];
  return {
    statement,
    checkLabel: checkLabel(statement.check),
    check,
    sentences,
    highlight,
    highlightItems: [
      { value: '', text: 'Sentences quoted as evidence', selected: !highlight },
      ...usedTags.map((tag) => ({ value: tag, text: TAG_LABELS[tag], selected: tag === highlight })),
    ],
    approvedBy: APPROVED_BY[doc.approvedBy] ?? doc.approvedBy,
    signatory: doc.signatory
      ? {
          name: [doc.signatory.firstName, doc.signatory.lastName].filter(Boolean).join(' '),
          jobTitle: doc.signatory.jobTitle ?? '',
          role: doc.signatory.role ? (ROLES[doc.signatory.role] ?? doc.signatory.role) : '',
        }
      : null,
    areas: AREA_KEYS.map((key) => ({
      key,
      question: AREAS[key],
      covered: doc.areas[key].covered,
      reason: doc.areas[key].reason ?? '',
    })),
    groupMembers: statement.groupMembers.map((member) => ({
      ...member,
      href: member.companyNumber
        ? `/statements?companyNumber=${encodeURIComponent(member.companyNumber)}`
        : `/statements?q=${encodeURIComponent(member.name)}`,
    })),
    sectors: listed(statement.sectors, doc.sectorsOther),
    answers: summary
      ? [
          { label: 'Policies include', values: listed(summary.policies, summary.policiesOther) },
          { label: 'Training was for', values: listed(summary.training, summary.trainingOther) },
          { label: 'Engaged with to monitor working conditions', values: listed(summary.engagement) },
          { label: 'Social audits', values: listed(summary.audits) },
          { label: 'Grievance mechanisms', values: listed(summary.grievance) },
          { label: 'Other monitoring', values: summary.otherMonitoring ? [summary.otherMonitoring] : [] },
          {
            label: 'Risks',
            values: summary.noRisksIdentified
              ? ['No risks identified']
              : (summary.risks ?? []).map((risk) =>
                  [
                    risk.description,
                    risk.location === 'Other' && risk.locationOther ? risk.locationOther : risk.location,
                    ...(risk.supplyChainTiers ?? []),
                    ...(risk.affectedGroups ?? []),
                    (risk.countries ?? []).map(countryName).join(', '),
                    risk.actions ? `Actions: ${risk.actions}` : '',
                  ]
                    .filter(Boolean)
                    .join(' · '),
                ),
          },
          {
            label: 'Forced labour indicators found',
            values: listed(summary.iloIndicators, summary.iloIndicatorsOther),
          },
          { label: 'Remediation', values: listed(summary.remediation, summary.remediationOther) },
          { label: 'Demonstrating progress', values: summary.progress ? [summary.progress] : [] },
        ].filter((answer) => answer.values.length > 0)
      : [],
    revisions: view.revisions.map((r) => ({ ...r, current: r.revision === statement.revision })),
    archivedCopy: statement.archivedCopy
      ? {
          ...statement.archivedCopy,
          kind: { PDF: 'PDF', Word: 'Word document', HTML: 'web page' }[
            documentKindName(statement.archivedCopy.contentType)
          ],
          size: bytesText(statement.archivedCopy.bytes),
        }
      : null,
  };
}

const YEAR_STATUS: Record<OrganisationYear['status'], { text: string; colour: string }> = {
  submitted: { text: 'Submitted', colour: 'govuk-tag--green' },
  withdrawn: { text: 'Withdrawn', colour: 'govuk-tag--grey' },
  missing: { text: 'Missing', colour: 'govuk-tag--red' },
  not_yet_due: { text: 'Not yet due', colour: 'govuk-tag--blue' },
};

const percent = (share: number | null) => (share === null ? NOT_DETERMINED : `${Math.round(share * 100)}%`);

/**
 * Of the statements whose legal minimum the checker could decide, the share that meets it: a
 * statement it could not decide is neither a pass nor a fail, so none decided is "Not determined", never 0%.
 */
const determinedShare = (y: RegisterStatistics['years'][number]) => {
  const decided = y.meetsLegalMinimum + y.doesNotMeetLegalMinimum;
  return decided > 0 ? y.meetsLegalMinimum / decided : null;
};

function statisticsPageModel(
  { groupedBarChart, horizontalBarChart }: ChartBuilders,
  statistics: RegisterStatistics,
  wantedYear: number | undefined,
) {
  const years = statistics.years;
  const selected = years.find((y) => y.year === wantedYear) ?? years.at(-1);
  const perYear = groupedBarChart({
    id: 'chart-statements',
    title: 'Statements submitted per reporting year',
    description:
      years.map((y) => `${y.year}: ${y.statements.toLocaleString('en-GB')}`).join('; ') ||
      'No statements yet.',
    groups: years.map((y) => ({ label: String(y.year), values: [y.statements] })),
    series: [{ name: 'Statements', fill: COLOURS.blue }],
  });
  const legal = groupedBarChart({
    id: 'chart-legal-minimum',
    title: 'Share of statements meeting the legal minimum, of those the checker could decide',
    description:
      years.map((y) => `${y.year}: ${percent(determinedShare(y))}`).join('; ') ||
      'No checked statements yet.',
    groups: years.map((y) => {
      const share = determinedShare(y);
      return { label: String(y.year), values: [share === null ? null : Math.round(share * 100)] };
    }),
    series: [{ name: 'Meets the legal minimum (%)', fill: COLOURS.green }],
    axis: { top: 100, unit: '%' },
  });
  const sectors = [...(selected?.sectors ?? [])].sort(
    (a, b) => (b.averageAreasCovered ?? 0) - (a.averageAreasCovered ?? 0),
  );
  const areas = selected
    ? horizontalBarChart({
        id: 'chart-areas',
        title: `Average number of the six areas covered, by sector, ${selected.year}`,
        description:
          sectors
            .map(
              (s) =>
                `${s.sector}: ${s.averageAreasCovered === null ? 'not checked' : s.averageAreasCovered.toFixed(1)}`,
            )
            .join('; ') || 'No statements for this year.',
        rows: sectors.map((s) => ({
          label: s.sector,
          value: s.averageAreasCovered,
          display:
            s.averageAreasCovered === null ? 'not checked' : `${s.averageAreasCovered.toFixed(1)} of 6`,
        })),
        max: 6,
        fill: COLOURS.purple,
      })
    : undefined;
  return {
    years: years.map((y) => ({ ...y, share: percent(determinedShare(y)) })),
    newestFirst: [...years].reverse(),
    selected,
    sectors: sectors.map((s) => ({
      ...s,
      average: s.averageAreasCovered === null ? '–' : s.averageAreasCovered.toFixed(1),
      share: percent(s.shareMeetingLegalMinimum),
    })),
    yearItems: [...years]
      .reverse()
      .map((y) => ({ value: String(y.year), text: String(y.year), selected: y === selected })),
    charts: { perYear, legal, areas },
  };
}

/**
 * The public pages: a statement (and each earlier revision), its archived copy, an organisation,
 * the statistics with their charts and open-data links, and the Atom feed of new statements.
 */
export function publicPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  /**
   * The statement page reads only its small items (public-views statementPageView); the text,
   * sentence by sentence, is its own page, which reads the whole check result on demand.
   */
  const statementPage = async (
    c: Context<AppEnv>,
    id: string,
    revision: number | undefined,
    text: boolean,
  ) => {
    if (!idPattern.test(id)) throw notFound('The statement');
    const view = text ? await statementView(deps, id, revision) : await statementPageView(deps, id, revision);
    const tag = c.req.query('highlight');
    const highlight = (SENTENCE_TAGS as readonly string[]).includes(tag ?? '')
      ? (tag as SentenceTag)
      : undefined;
    const model = statementPageModel(view, highlight);
    const shown = view.statement.revision;
    cachePublicly(c, CACHE_SECONDS.statement);
    return renderPage(c, deps, text ? 'public/statement-text.njk' : 'public/statement.njk', {
      title: `${view.statement.organisationName}: modern slavery statement ${view.statement.year}${text ? ', sentence by sentence' : ''}`,
      description: `The modern slavery statement of ${view.statement.organisationName} for ${view.statement.year}${text ? ', sentence by sentence' : ''}, and how it compares with the law and the statutory guidance.`,
      activeNav: 'search',
      ...model,
      sentenceCount: 'sentenceCount' in view ? view.sentenceCount : model.sentences.length,
      textHref: `/statements/${id}/revisions/${shown}/text`,
      isEarlierRevision: revision !== undefined && view.revisions.at(-1)?.revision !== revision,
    });
  };

  const revisionOf = (c: Context<AppEnv>) => {
    const n = Number(c.req.param('n'));
    if (!Number.isInteger(n) || n < 1) throw notFound('The revision');
    return n;
  };

  app.get('/statements/:id', (c) => statementPage(c, c.req.param('id'), undefined, false));
  app.get('/statements/:id/revisions/:n', (c) => statementPage(c, c.req.param('id'), revisionOf(c), false));
  app.get('/statements/:id/revisions/:n/text', (c) =>
    statementPage(c, c.req.param('id'), revisionOf(c), true),
  );

  app.get('/statements/:id/revisions/:n/document', async (c) => {
    const id = c.req.param('id');
    const n = Number(c.req.param('n'));
    if (!idPattern.test(id) || !Number.isInteger(n) || n < 1) throw notFound('The document');
    const revision = await getRevision(deps.store, id, n);
    const file = revision?.document.archivedFile;
    const object = file ? await deps.archive.get(file.key) : undefined;
    if (!file || !object) throw notFound('The archived copy');
    // The copy never changes (it is stored by its hash). A web page is someone else's HTML: it is
    // sent as a download, never shown as a page of the register's (whose CSP would apply anyway).
    const pdf = file.contentType === 'application/pdf';
    const docx = file.contentType === DOCX_TYPE;
    c.header('cache-control', 'public, max-age=86400, immutable');
    c.header('content-type', pdf || docx ? file.contentType : 'text/html; charset=utf-8');
    c.header(
      'content-disposition',
      `${pdf ? 'inline' : 'attachment'}; filename="statement-${id}-revision-${n}.${pdf ? 'pdf' : docx ? 'docx' : 'html'}"`,
    );
    return c.body(new Uint8Array(object.body));
  });

  /** The organisation's record may have no turnover; its latest submitted statement may say. */
  const statedTurnover = async (id: string) => {
    const latest = (await listStatementsOfOrganisation(deps.store, id)).find(
      (header) => header.status === 'submitted' && header.turnover && header.turnover !== 'Not provided',
    );
    return latest ? `${latest.turnover} (its statement for ${latest.year})` : undefined;
  };

  app.get('/organisations/:id', async (c) => {
    const id = c.req.param('id');
    if (!idPattern.test(id)) throw notFound('The organisation');
    const view = await organisationView(deps, id);
    cachePublicly(c, CACHE_SECONDS.organisation);
    return renderPage(c, deps, 'public/organisation.njk', {
      title: view.organisation.name,
      description: `The modern slavery statements of ${view.organisation.name}, year by year, with any missing years.`,
      activeNav: 'search',
      organisation: view.organisation,
      years: view.years.map((year) => ({
        ...year,
        statusTag: YEAR_STATUS[year.status],
        checkLabel: year.statement ? checkLabel(year.statement.check) : null,
      })),
      missing: view.years.filter((year) => year.status === 'missing').length,
      // The organisation's own record may have no turnover; its latest statement may say.
      statedTurnover: view.organisation.turnover ? undefined : await statedTurnover(id),
    });
  });

  app.get('/statistics', async (c) => {
    const statistics = await getStatistics(deps.store);
    const wanted = Number(c.req.query('year'));
    cachePublicly(c, CACHE_SECONDS.statistics);
    return renderPage(c, deps, 'public/statistics.njk', {
      title: 'Statistics and open data',
      description:
        'How many modern slavery statements are on the register each year, how many meet the legal minimum, and the open data to download.',
      activeNav: 'statistics',
      ...statisticsPageModel(await loadCharts(), statistics, Number.isInteger(wanted) ? wanted : undefined),
    });
  });

  app.get('/statements.atom', async (c) => {
    const page = await searchStatements(deps.store, planSearch({ sort: 'date' }), { limit: 50 });
    const feed = statementsFeed(siteAddressOf(c), page.items, deps.clock());
    cachePublicly(c, CACHE_SECONDS.feed, { personal: false });
    return c.body(feed, 200, { 'content-type': 'application/atom+xml; charset=utf-8' });
  });

  return app;
}
