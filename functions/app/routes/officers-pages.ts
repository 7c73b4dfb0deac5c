import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { idSchema } from '../../../schemas/common.ts';
import type { ComplianceSummary } from '../../../schemas/compliance.ts';
import {
  FLAG_STATUSES,
  FLAG_TYPES,
  type Flag,
  flagListQuerySchema,
  flagUpdateSchema,
  NOTICE_CHANNELS,
  newFlagNoticeSchema,
  newManualFlagSchema,
} from '../../../schemas/flag.ts';
import {
  type ImportJob,
  LETTER_MERGE_COLUMNS,
  MAX_JOB_ERRORS,
  TEMPLATE_COLUMNS,
} from '../../../schemas/organisation-import.ts';
import { challengeBodySchema } from '../../../schemas/out-of-scope.ts';
import { SECTORS } from '../../../schemas/registry-options.ts';
import { findOrganisationsToPick, MAX_PICKS } from '../../domain/compliance/find-organisation.ts';
import { TRANSITIONS } from '../../domain/compliance/flag-workflow.ts';
import { REPORT_REASON_LABELS } from '../../domain/compliance/flags.ts';
import { IMPORT_COLUMN_RULES } from '../../domain/compliance/import-columns.ts';
import { parseImportCsv } from '../../domain/compliance/import-csv.ts';
import { reviewOutOfScope } from '../../domain/compliance/out-of-scope.ts';
import { dayOf, FIRST_REPORTING_YEAR } from '../../domain/compliance/reporting-years.ts';
import { newCodesKeyPair, openCodes } from '../../domain/compliance/sealed-codes.ts';
import { toCsv } from '../../domain/csv.ts';
import { DomainError, forbidden, invalid, notFound } from '../../domain/errors.ts';
import { newId } from '../../domain/ids.ts';
import { addressLines } from '../../mail/letters.ts';
import { listDeclarations } from '../../store/compliance/declarations.ts';
import { collectImportCodes, createImportJob, getImportJob } from '../../store/compliance/import-jobs.ts';
import { listOrganisationDeclarations } from '../../store/compliance/organisation-declarations.ts';
import { getSweepRun } from '../../store/compliance/sweep-runs.ts';
import { getFlag } from '../../store/flags/get-flag.ts';
import { listFlags } from '../../store/flags/list-flags.ts';
import { recordFlagNotice } from '../../store/flags/record-notice.ts';
import { getOrganisation } from '../../store/organisations/get-organisation.ts';
import { currentUser, requireSignedInPage } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { errorView, renderDomainError } from './account-pages.ts';
import { complianceSummary, defaultSummaryYear, requestSweep } from './officers-compliance-api.ts';
import { addOfficersFigurePages, pct, summaryYear } from './officers-figures-pages.ts';
import { changeFlag, createManualFlag, flagFilterOf } from './officers-flags-api.ts';
import { addOfficersOrganisationPage } from './officers-organisation-page.ts';
import { sweepProgressView } from './sweep-progress-view.ts';

/** The http-only cookie holding the private key that opens an import's codes, scoped to that import's pages. */
export const CODES_KEY_COOKIE = 'import_codes_key';
const codesKeyCookie = (jobId: string) => ({
  path: `/officers/imports/${jobId}`,
  httpOnly: true,
  secure: true,
  sameSite: 'Strict' as const,
  maxAge: 7 * 24 * 3600,
});

export const FLAG_TYPE_LABELS: Record<Flag['type'], string> = {
  missing: 'Missing statement',
  late: 'Late statement',
  weak: 'Weak statement',
  legal_minimum: 'Fails the legal minimum',
  report: 'Public report',
  manual: 'Flagged by an officer',
  review_request: 'Review asked for',
  review_disagreement: 'Recheck disagrees with a review',
  not_determined: 'Could not be rated',
};

export const FLAG_STATUS_LABELS: Record<Flag['status'], string> = {
  open: 'Open',
  contacted: 'Contacted',
  resolved: 'Resolved',
  dismissed: 'Dismissed',
};

const CHANNEL_LABELS: Record<(typeof NOTICE_CHANNELS)[number], string> = {
  email: 'Email',
  post: 'Letter',
  phone: 'Phone call',
};

const STATUS_TAG: Record<Flag['status'], string> = {
  open: 'govuk-tag--red',
  contacted: 'govuk-tag--yellow',
  resolved: 'govuk-tag--green',
  dismissed: 'govuk-tag--grey',
};

/** Pages for officers only: anonymous visitors go to sign-in, others get 403. */
export const requireOfficerPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')?.isOfficer) throw forbidden('Only compliance officers can see this page.');
  await next();
};

const TODO_WORDS: Record<Flag['type'], [string, string]> = {
  missing: ['missing statement to chase', 'missing statements to chase'],
  late: ['late statement to follow up', 'late statements to follow up'],
  weak: ['weak statement to review', 'weak statements to review'],
  legal_minimum: ['statement failing the legal minimum', 'statements failing the legal minimum'],
  report: ['report from the public to look at', 'reports from the public to look at'],
  manual: ['flag raised by an officer', 'flags raised by officers'],
  review_request: ['review asked for by a business', 'reviews asked for by businesses'],
  review_disagreement: [
    'reviewed finding a recheck disagrees with',
    'reviewed findings a recheck disagrees with',
  ],
  not_determined: ['statement the checker could not read', 'statements the checker could not read'],
};

/** The dashboard's first list: each kind of outstanding flag, linked to the queue filtered to it. */
function whatNeedsDoing(summary: ComplianceSummary) {
  const items = FLAG_TYPES.filter((type) => summary.flags[type].outstanding > 0).map((type) => {
    const count = summary.flags[type].outstanding;
    const [one, many] = TODO_WORDS[type];
    return {
      text: `${count.toLocaleString('en-GB')} ${count === 1 ? one : many}`,
      href: `/officers/flags?type=${type}&year=${summary.year}`,
    };
  });
  // Flags of other years, and those raised for no year, are in the whole queue.
  const open = summary.openFlagsByAge.reduce((sum, bucket) => sum + bucket.count, 0);
  if (open > 0)
    items.push({
      text: `${open.toLocaleString('en-GB')} ${open === 1 ? 'open flag' : 'open flags'} of every year in the queue`,
      href: '/officers/flags',
    });
  return items;
}

function queueQueryOf(c: Context) {
  const raw = Object.fromEntries(
    Object.entries(c.req.query()).filter(
      ([name, value]) => typeof value === 'string' && value !== '' && !(name === 'status' && value === 'any'),
    ),
  );
  const parsed = flagListQuerySchema.safeParse(raw);
  if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues), 'Some filters are not valid.');
  return parsed.data;
}

function withQuery(path: string, query: Record<string, string | number | undefined>) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The import page's table of columns: each one's name, whether it is needed, and its allowed values. */
function importColumnsView() {
  return TEMPLATE_COLUMNS.map((name) => ({ name, ...IMPORT_COLUMN_RULES[name] }));
}

function importView(job: ImportJob) {
  return {
    job,
    percent: job.total === 0 ? 100 : Math.floor((job.processed / job.total) * 100),
    moreErrors: Math.max(0, job.errorCount - job.errors.length),
  };
}

/**
 * The compliance officers' pages: the dashboard, the flags queue and each flag's workflow, the
 * CSV import with its progress, and out-of-scope declarations. All server-rendered, all working
 * without JavaScript.
 */
export function officersPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/officers', requireSignedInPage, requireOfficerPage);
  app.use('/officers/*', requireSignedInPage, requireOfficerPage);
  app.onError((error, c) => {
    if (error instanceof DomainError) return renderDomainError(c, deps, error);
    throw error;
  });

  app.get('/officers', async (c) => {
    const year = summaryYear(c, deps);
    const summary = await complianceSummary(deps, year);
    // The sweep asked for (after "Run the sweep now"), or one still under way.
    const last = summary.lastSweep;
    const sweepId =
      c.req.query('sweep') ??
      (last && (last.status === 'requested' || last.status === 'running') ? last.id : undefined);
    const sweepRun =
      sweepId && idSchema.safeParse(sweepId).success ? await getSweepRun(deps.store, sweepId) : undefined;
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/dashboard.njk', {
      title: 'Compliance dashboard',
      activeNav: 'officers',
      summary,
      outstanding: FLAG_TYPES.reduce((sum, type) => sum + summary.flags[type].outstanding, 0),
      openFlags: summary.openFlagsByAge.reduce((sum, bucket) => sum + bucket.count, 0),
      yearItems: summary.years.map((y) => ({
        value: y.year,
        text: String(y.year),
        selected: y.year === year,
      })),
      sweep: sweepRun ? sweepProgressView(sweepRun) : undefined,
      todo: whatNeedsDoing(summary),
      pct,
    });
  });

  addOfficersFigurePages(app, deps, FLAG_TYPE_LABELS);

  app.post('/officers/sweeps', async (c) => {
    const run = await requestSweep(deps, currentUser(c));
    return c.redirect(`/officers?sweep=${run.id}#sweep-progress`, 303);
  });

  app.get('/officers/flags', async (c) => {
    const query = queueQueryOf(c);
    const statusFilter = c.req.query('status') === undefined ? 'open' : query.status;
    const effective = { ...query, status: statusFilter };
    const page = await listFlags(deps.store, flagFilterOf(effective), {
      order: query.order,
      limit: query.limit,
      cursor: query.cursor,
    });
    const filters = {
      type: query.type,
      status: statusFilter ?? 'any',
      sector: query.sector,
      year: query.year,
      assignee: query.assignee,
      order: query.order,
    };
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/queue.njk', {
      title: 'Flags',
      activeNav: 'officers',
      flags: page.items,
      filters,
      typeItems: [
        { value: '', text: 'Any type' },
        ...FLAG_TYPES.map((type) => ({ value: type, text: FLAG_TYPE_LABELS[type] })),
      ].map((item) => ({ ...item, selected: item.value === (query.type ?? '') })),
      statusItems: [
        { value: 'any', text: 'Any status' },
        ...FLAG_STATUSES.map((s) => ({ value: s, text: FLAG_STATUS_LABELS[s] })),
      ].map((item) => ({ ...item, selected: item.value === (statusFilter ?? 'any') })),
      sectorItems: [{ value: '', text: 'Any sector' }, ...SECTORS.map((s) => ({ value: s, text: s }))].map(
        (item) => ({
          ...item,
          selected: item.value === (query.sector ?? ''),
        }),
      ),
      orderItems: [
        { value: 'newest', text: 'Newest first', selected: query.order === 'newest' },
        { value: 'oldest', text: 'Oldest first', selected: query.order === 'oldest' },
        { value: 'uncertain', text: 'Least certain first', selected: query.order === 'uncertain' },
      ],
      typeLabels: FLAG_TYPE_LABELS,
      statusLabels: FLAG_STATUS_LABELS,
      statusTags: STATUS_TAG,
      nextHref: page.nextCursor
        ? withQuery('/officers/flags', { ...filters, limit: query.limit, cursor: page.nextCursor })
        : undefined,
      csvHref: withQuery('/api/v1/flags.csv', { ...filters, status: statusFilter }),
    });
  });

  app.get('/officers/flags/new', async (c) =>
    renderPage(c, deps, 'officers/new-flag.njk', {
      title: 'Flag an organisation or statement',
      activeNav: 'officers',
      ...(await pickView(c.req.query('q'), c.req.query('organisationId'))),
      values: { organisationId: c.req.query('organisationId'), statementId: c.req.query('statementId') },
    }),
  );

  app.post('/officers/flags', async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) =>
      typeof form[name] === 'string' && (form[name] as string).trim()
        ? (form[name] as string).trim()
        : undefined;
    const values = {
      organisationId: text('organisationId'),
      statementId: text('statementId'),
      year: text('year'),
      note: text('note'),
    };
    const q = text('q');
    const parsed = newManualFlagSchema.safeParse({
      ...values,
      year: values.year ? Number(values.year) : undefined,
    });
    try {
      if (!values.organisationId && !values.statementId)
        throw invalid([
          {
            path: '/organisationId',
            message: q
              ? 'Select the organisation to flag'
              : 'Search for the organisation by name or company number, then select it',
          },
        ]);
      if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues));
      const flag = await createManualFlag(deps, currentUser(c), parsed.data);
      return c.redirect(`/officers/flags/${flag.id}?raised=1`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
      return renderPage(
        c,
        deps,
        'officers/new-flag.njk',
        {
          title: 'Error: Flag an organisation or statement',
          activeNav: 'officers',
          ...(await pickView(q, values.organisationId)),
          values,
          ...errorView(error.fieldErrors, (path) => path.replace(/^\//, '').split('/')[0] ?? ''),
        },
        422,
      );
    }
  });

  /** "Flag an organisation": what was searched for, the organisations found, and the one picked. */
  async function pickView(query: string | undefined, organisationId: string | undefined) {
    const q = (query ?? '').trim().slice(0, 100);
    const found = q ? await findOrganisationsToPick(deps.store, q) : [];
    const picked =
      organisationId &&
      idSchema.safeParse(organisationId).success &&
      !found.some((o) => o.id === organisationId)
        ? await getOrganisation(deps.store, organisationId)
        : undefined;
    const choices = [...(picked ? [picked] : []), ...found];
    return {
      q,
      searched: q !== '',
      choices: choices.map((organisation) => ({
        value: organisation.id,
        text: organisation.name,
        hint: {
          text: [
            organisation.companyNumber ? `Company number ${organisation.companyNumber}` : 'No company number',
            organisation.registeredAddress
              ? `${organisation.registeredAddress.town} ${organisation.registeredAddress.postcode}`
              : undefined,
          ]
            .filter(Boolean)
            .join(' · '),
        },
        checked: organisation.id === organisationId || choices.length === 1,
      })),
      manyFound: found.length === MAX_PICKS,
    };
  }

  async function flagPage(
    c: Context<AppEnv>,
    flag: Flag,
    extra: Record<string, unknown> = {},
    status: 200 | 409 | 422 = 200,
  ) {
    c.header('cache-control', 'private, no-store');
    // What the organisation declared about its years (officers see it next to a missing year).
    const [declarations, organisation] = await Promise.all([
      listOrganisationDeclarations(deps.store, flag.organisationId),
      getOrganisation(deps.store, flag.organisationId),
    ]);
    return renderPage(
      c,
      deps,
      'officers/flag.njk',
      {
        title: `${FLAG_TYPE_LABELS[flag.type]}: ${flag.organisationName}`,
        activeNav: 'officers',
        flag,
        typeLabel: FLAG_TYPE_LABELS[flag.type],
        statusLabels: FLAG_STATUS_LABELS,
        statusTag: STATUS_TAG[flag.status],
        reasonLabel: flag.reason ? REPORT_REASON_LABELS[flag.reason] : undefined,
        declarations,
        contact: organisation
          ? {
              name: organisation.contactName,
              email: organisation.contactEmail,
              address: organisation.registeredAddress ? addressLines(organisation.registeredAddress) : [],
            }
          : undefined,
        channelItems: NOTICE_CHANNELS.map((channel) => ({ value: channel, text: CHANNEL_LABELS[channel] })),
        channelLabels: CHANNEL_LABELS,
        noticeValues: {
          to: organisation?.contactEmail ?? '',
        },
        moveItems: [
          { value: '', text: `Keep it ${FLAG_STATUS_LABELS[flag.status].toLowerCase()}` },
          ...TRANSITIONS[flag.status].map((to) => ({
            value: to,
            text: `Mark as ${FLAG_STATUS_LABELS[to].toLowerCase()}`,
          })),
        ],
        values: {},
        ...extra,
      },
      status,
    );
  }

  app.get('/officers/flags/:id', async (c) => {
    const flag = await getFlag(deps.store, c.req.param('id'), { consistent: true });
    if (!flag) throw notFound('The flag');
    return flagPage(c, flag, {
      updated: c.req.query('updated'),
      raised: c.req.query('raised'),
      noticed: c.req.query('noticed'),
    });
  });

  // An officer notes a notice they sent (a letter, an email, a call): kept on the flag with its history.
  app.post('/officers/flags/:id/notices', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const noticeValues = { channel: value('channel'), to: value('to'), about: value('about') };
    const flag = await getFlag(deps.store, id, { consistent: true });
    if (!flag) throw notFound('The flag');
    const parsed = newFlagNoticeSchema.safeParse(noticeValues);
    if (!parsed.success) {
      return flagPage(
        c,
        flag,
        {
          noticeValues,
          ...errorView(
            fieldErrorsFromZod(parsed.error.issues).map((error) => ({
              ...error,
              path:
                error.path === '/to' || error.path === '/about'
                  ? `/notice-${error.path.slice(1)}`
                  : '/channel',
            })),
            (path) => path.replace(/^\//, ''),
          ),
        },
        422,
      );
    }
    await recordFlagNotice(deps.store, id, {
      at: deps.clock().toISOString(),
      by: currentUser(c).email,
      ...parsed.data,
    });
    return c.redirect(`/officers/flags/${id}?noticed=1#notices`, 303);
  });

  app.post('/officers/flags/:id', async (c) => {
    const id = c.req.param('id');
    const form = await c.req.parseBody();
    const value = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const values = { status: value('status'), note: value('note'), assignee: value('assignee').trim() };
    const current = await getFlag(deps.store, id, { consistent: true });
    if (!current) throw notFound('The flag');
    const parsed = flagUpdateSchema.safeParse({
      note: values.note,
      ...(values.status ? { status: values.status } : {}),
      ...(values.assignee !== (current.assignee ?? '') ? { assignee: values.assignee || null } : {}),
    });
    try {
      if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues));
      await changeFlag(deps, currentUser(c), id, parsed.data, value('version') || undefined);
      return c.redirect(`/officers/flags/${id}?updated=1`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'conflict'))
        throw error;
      const errors =
        error.kind === 'invalid' ? error.fieldErrors : [{ path: '/status', message: error.message }];
      const fresh = (await getFlag(deps.store, id, { consistent: true })) ?? current;
      return flagPage(
        c,
        fresh,
        { values, ...errorView(errors, (path) => path.replace(/^\//, '').split('/')[0] ?? '') },
        error.kind === 'invalid' ? 422 : 409,
      );
    }
  });

  addOfficersOrganisationPage(app, deps, { type: FLAG_TYPE_LABELS, status: FLAG_STATUS_LABELS });

  app.get('/officers/import', (c) =>
    renderPage(c, deps, 'officers/import.njk', {
      title: 'Import organisations in scope',
      activeNav: 'officers',
      columns: importColumnsView(),
    }),
  );

  app.get('/officers/import/template.csv', (c) =>
    c.body(toCsv([[...TEMPLATE_COLUMNS]]), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="organisations-template.csv"',
      'cache-control': 'private, no-store',
    }),
  );

  app.post('/officers/import', async (c) => {
    const form = await c.req.parseBody();
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      return renderPage(
        c,
        deps,
        'officers/import.njk',
        {
          title: 'Error: Import organisations in scope',
          activeNav: 'officers',
          columns: importColumnsView(),
          ...errorView([{ path: '/file', message: 'Select a CSV file' }], () => 'file'),
        },
        422,
      );
    }
    const parsed = parseImportCsv(await file.text());
    const officer = currentUser(c);
    const now = deps.clock();
    const codesKeys = newCodesKeyPair();
    const job: ImportJob = {
      id: newId(now),
      status: parsed.rows.length === 0 ? 'done' : 'running',
      fileName: file.name.slice(0, 200),
      total: parsed.rows.length,
      processed: 0,
      created: 0,
      updated: 0,
      unchanged: 0,
      chunks: Math.ceil(parsed.rows.length / 250),
      chunksDone: 0,
      errors: parsed.errors.slice(0, MAX_JOB_ERRORS),
      errorCount: parsed.errors.length,
      codesCollected: false,
      codesKey: codesKeys.publicKey,
      createdAt: now.toISOString(),
      createdBy: { id: officer.id, email: officer.email },
    };
    await createImportJob(deps.store, job, parsed.rows, now);
    // The key that opens the new codes goes to this browser only (see sealed-codes.ts).
    setCookie(c, CODES_KEY_COOKIE, codesKeys.privateKey, codesKeyCookie(job.id));
    return c.redirect(`/officers/imports/${job.id}`, 303);
  });

  app.get('/officers/imports/:id', async (c) => {
    const job = await getImportJob(deps.store, c.req.param('id'));
    if (!job) throw notFound('The import');
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/import-progress.njk', {
      title: job.status === 'done' ? 'Import finished' : 'Importing organisations',
      activeNav: 'officers',
      ...importView(job),
    });
  });

  app.get('/officers/imports/:id/letters.csv', async (c) => {
    const id = c.req.param('id');
    const privateKey = getCookie(c, CODES_KEY_COOKIE);
    const collected = privateKey
      ? await collectImportCodes(deps.store, id, (sealed) => openCodes(privateKey, sealed))
      : ({ kind: 'locked' } as const);
    if (collected.kind === 'locked') {
      return renderPage(
        c,
        deps,
        'error.njk',
        {
          title: 'Download the letter-merge file from the browser that uploaded the file',
          message:
            'The enrolment codes are locked with a key kept only by the browser that uploaded the file. Download them from there, or issue new codes from each organisation.',
        },
        403,
      );
    }
    if (collected.kind === 'gone') {
      return renderPage(
        c,
        deps,
        'error.njk',
        {
          title: 'The letter-merge file has already been downloaded',
          message:
            'Enrolment codes are shown once and only their hashes are kept. Issue a new code from the organisation if one was lost.',
        },
        410,
      );
    }
    deleteCookie(c, CODES_KEY_COOKIE, { ...codesKeyCookie(id), maxAge: 0 });
    const csv = toCsv([
      [...LETTER_MERGE_COLUMNS],
      ...collected.codes.map((code) => [
        code.name,
        code.companyNumber ?? '',
        code.organisationId,
        code.enrolmentCode,
        code.contactName ?? '',
        code.registeredAddress?.addressLine1 ?? '',
        code.registeredAddress?.addressLine2 ?? '',
        code.registeredAddress?.town ?? '',
        code.registeredAddress?.postcode ?? '',
      ]),
    ]);
    // Through the context, so the cookie's removal goes with the file.
    return c.body(csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="enrolment-letters-${dayOf(deps.clock())}.csv"`,
      'cache-control': 'private, no-store',
    });
  });

  app.get('/officers/out-of-scope', async (c) => {
    const requested = Number(c.req.query('year'));
    const year =
      Number.isInteger(requested) && requested >= FIRST_REPORTING_YEAR
        ? requested
        : defaultSummaryYear(deps.clock());
    const declarations = await listDeclarations(deps.store, year, 200);
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'officers/out-of-scope.njk', {
      title: 'Out-of-scope declarations',
      activeNav: 'officers',
      year,
      declarations,
      challenged: c.req.query('challenged'),
      accepted: c.req.query('accepted'),
    });
  });

  // An officer's decision on a declaration: challenge it, or accept it (also after a challenge).
  for (const [path, action] of [
    ['challenge', 'challenged'],
    ['accept', 'accepted'],
  ] as const) {
    app.post(`/officers/out-of-scope/:orgId/:year/${path}`, async (c) => {
      const year = Number(c.req.param('year'));
      const form = await c.req.parseBody();
      const parsed = challengeBodySchema.safeParse({ note: typeof form.note === 'string' ? form.note : '' });
      if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues), 'Enter a note saying why.');
      await reviewOutOfScope(deps, currentUser(c), c.req.param('orgId'), year, action, parsed.data.note);
      return c.redirect(`/officers/out-of-scope?year=${year}&${action}=${c.req.param('orgId')}`, 303);
    });
  }

  return app;
}
