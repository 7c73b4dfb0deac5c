import { type Context, Hono } from 'hono';
import { COUNTRY_CODES, countryName } from '../../../schemas/countries.ts';
import { FLAG_TYPES } from '../../../schemas/flag.ts';
import * as options from '../../../schemas/registry-options.ts';
import type { StoredDraft } from '../../../schemas/submission.ts';
import { deadlineFor } from '../../domain/compliance/reporting-years.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { archiveStatementFile, MAX_DOCUMENT_BYTES } from '../../domain/submissions/documents.ts';
import {
  editableDocument,
  saveDraft,
  statementActedFor,
  submitStatement,
  withdrawStatement,
} from '../../domain/submissions/statements.ts';
import { submissionProblems } from '../../domain/submissions/validation.ts';
import { listFlags } from '../../store/flags/list-flags.ts';
import { getRevision } from '../../store/statements/get-revision.ts';
import { listRevisions } from '../../store/statements/list-revisions.ts';
import { currentUser, requireSignedInPage } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { answerRows } from '../forms/statement-answers.ts';
import {
  applyPatch,
  describeError,
  type FormBody,
  type FormValues,
  fieldIdOfPath,
  formFromDocument,
  formValuesOf,
  patchFromForm,
  type Section,
  sectionBySlug,
  sectionOfPath,
  sectionStarted,
  sectionsFor,
} from '../forms/statement-form.ts';
import { renderPage } from '../page.ts';
import { checkLabel } from '../public-labels.ts';
import { errorView, renderDomainError } from './account-pages.ts';
import { FLAG_TYPE_LABELS } from './officers-pages.ts';

const OPTIONS = {
  sectors: options.SECTORS,
  turnover: options.TURNOVER_BANDS,
  years: options.YEARS_PRODUCING,
  policies: options.POLICY_OPTIONS,
  training: options.TRAINING_OPTIONS,
  engagement: options.ENGAGEMENT_OPTIONS,
  audits: options.AUDIT_OPTIONS,
  grievance: options.GRIEVANCE_OPTIONS,
  riskLocations: options.RISK_LOCATIONS,
  riskTiers: options.RISK_TIERS,
  riskGroups: options.RISK_GROUPS,
  ilo: options.ILO_INDICATORS,
  remediation: options.REMEDIATION_OPTIONS,
  areas: options.AREA_KEYS.map((key) => ({ key, label: options.AREAS[key] })),
  countries: COUNTRY_CODES.map((code) => countryName(code)),
};

type Status = 'Completed' | 'Incomplete' | 'Not yet started' | 'Optional';

function sectionStatuses(document: StoredDraft, problems: FieldError[]) {
  return sectionsFor(document).map((section) => {
    const started = sectionStarted(section, document);
    const wrong = problems.some((problem) => sectionOfPath(problem.path)?.slug === section.slug);
    const status: Status = wrong
      ? started
        ? 'Incomplete'
        : 'Not yet started'
      : started
        ? 'Completed'
        : section.optional
          ? 'Optional'
          : 'Not yet started';
    return { section, status };
  });
}

/** Errors → summary links: on this page to the field, on another section's page to that page. */
function errorsFor(id: string, errors: FieldError[], here?: Section) {
  const described = errors.map((error) => ({ ...error, message: describeError(error) }));
  return errorView(
    described,
    (path) => {
      const section = sectionOfPath(path);
      const field = fieldIdOfPath(path);
      return section && section.slug !== here?.slug
        ? `/account/statements/${id}/${section.slug}#${field}`
        : field;
    },
    (target) => (target.startsWith('/') ? target : `#${target}`),
  );
}

export function statementPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/account/statements/*', requireSignedInPage);
  app.use('/account/statements/*', async (c, next) => {
    c.header('cache-control', 'private, no-store');
    await next();
  });

  const load = async (c: Context<AppEnv>) => {
    const user = currentUser(c);
    const { header, organisation } = await statementActedFor(deps.store, user, c.req.param('id') ?? '');
    const { document, draft } = await editableDocument(deps.store, header);
    return { user, header, organisation, document, draft };
  };

  // The task list: every section with its status, the revisions, and what to do next.
  app.get('/account/statements/:id', async (c) => {
    try {
      const { header, organisation, document } = await load(c);
      const problems = submissionProblems(document, deps.clock);
      const revisions = await listRevisions(deps.store, header.id);
      const tasks = sectionStatuses(document, problems);
      return renderPage(c, deps, 'submit/task-list.njk', {
        title: `${organisation.name}: statement for ${header.year}`,
        activeNav: 'account',
        header,
        organisation,
        tasks,
        completed: tasks.filter((task) => task.status === 'Completed').length,
        revisions: [...revisions].reverse(),
        canSubmit: header.hasDraft,
        submitted: c.req.query('submitted'),
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  // Check your answers, then submit.
  app.get('/account/statements/:id/check', async (c) => {
    try {
      const { header, organisation, document } = await load(c);
      const problems = submissionProblems(document, deps.clock);
      return renderPage(c, deps, 'submit/check.njk', {
        title: 'Check your answers before submitting',
        activeNav: 'account',
        header,
        organisation,
        rows: answerRows(document),
        problems: problems.length,
        // Every missing or wrong answer, each linked to its question (never "submit to see which").
        missing: errorsFor(header.id, problems).errorList,
        unverified: organisation.verification === 'pending',
        ...(c.req.query('errors') ? errorsFor(header.id, problems) : {}),
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  app.post('/account/statements/:id/submit', async (c) => {
    const form = await c.req.parseBody();
    const etag = typeof form.etag === 'string' ? form.etag : undefined;
    try {
      const { header, organisation, document } = await load(c);
      try {
        const result = await submitStatement(deps, currentUser(c), header.id, etag);
        return c.redirect(`/account/statements/${result.id}/submitted?revision=${result.revision}`, 303);
      } catch (error) {
        const unverified =
          error instanceof DomainError &&
          error.kind === 'conflict' &&
          organisation.verification === 'pending';
        if (!unverified && !(error instanceof DomainError && error.kind === 'invalid')) throw error;
        const fieldErrors = error instanceof DomainError && !unverified ? error.fieldErrors : [];
        return renderPage(
          c,
          deps,
          'submit/check.njk',
          {
            title: 'Error: Check your answers before submitting',
            activeNav: 'account',
            header,
            organisation,
            rows: answerRows(document),
            problems: fieldErrors.length,
            ...(unverified
              ? {
                  unverified: true,
                  errorList: [{ text: `${organisation.name} is not verified yet`, href: '#missing-answers' }],
                }
              : errorsFor(header.id, fieldErrors)),
          },
          unverified ? 409 : 422,
        );
      }
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  // The confirmation: what is on the public register now, and what the register already knows of it.
  app.get('/account/statements/:id/submitted', async (c) => {
    try {
      const { header, organisation } = await load(c);
      const deadline = deadlineFor(header.periodEnd);
      const submittedOn = header.submittedAt?.slice(0, 10) ?? deps.clock().toISOString().slice(0, 10);
      const flags = await listFlags(
        deps.store,
        { statuses: ['open', 'contacted'], types: FLAG_TYPES, organisationId: organisation.id },
        { order: 'newest', limit: 20 },
      );
      return renderPage(c, deps, 'submit/submitted.njk', {
        title: 'Statement submitted',
        activeNav: 'account',
        header,
        organisation,
        revision: Number(c.req.query('revision')) || header.revision,
        late: header.status === 'submitted' && submittedOn > deadline,
        deadline,
        check: header.check ? { ...header.check, label: checkLabel(header.check) } : null,
        flags: flags.items
          .filter((flag) => !flag.statementId || flag.statementId === header.id)
          .map((flag) => ({ label: FLAG_TYPE_LABELS[flag.type], note: flag.history[0]?.note ?? '' })),
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  app.get('/account/statements/:id/revisions/:n', async (c) => {
    try {
      const { header, organisation } = await load(c);
      const revision = await getRevision(deps.store, header.id, Number(c.req.param('n')));
      if (!revision) throw new DomainError('not_found', 'That revision was not found.');
      return renderPage(c, deps, 'submit/revision.njk', {
        title: `Revision ${revision.revision}`,
        activeNav: 'account',
        header,
        organisation,
        revision,
        rows: answerRows(revision.document),
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  app.get('/account/statements/:id/withdraw', async (c) => {
    try {
      const { header, organisation } = await load(c);
      return renderPage(c, deps, 'submit/withdraw.njk', {
        title: 'Withdraw the statement',
        activeNav: 'account',
        header,
        organisation,
        values: {},
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  app.post('/account/statements/:id/withdraw', async (c) => {
    const form = await c.req.parseBody();
    const reason = typeof form.reason === 'string' ? form.reason.trim() : '';
    try {
      const { header, organisation, user } = await load(c);
      if (!reason || reason.length > 500) {
        return renderPage(
          c,
          deps,
          'submit/withdraw.njk',
          {
            title: 'Error: Withdraw the statement',
            activeNav: 'account',
            header,
            organisation,
            values: { reason },
            ...errorView(
              [
                {
                  path: '/reason',
                  message: reason
                    ? 'The reason must be 500 characters or fewer'
                    : 'Enter why you are withdrawing the statement',
                },
              ],
              () => 'reason',
            ),
          },
          422,
        );
      }
      await withdrawStatement(
        deps,
        user,
        header.id,
        reason,
        typeof form.etag === 'string' ? form.etag : undefined,
      );
      return c.redirect(`/account/statements/${header.id}`, 303);
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  const renderSection = (
    c: Context<AppEnv>,
    context: {
      section: Section;
      id: string;
      etag: string;
      organisationName: string;
      values: FormValues;
      document: StoredDraft;
      errors?: FieldError[];
    },
    status: 200 | 409 | 413 | 415 | 422 = 200,
  ) =>
    renderPage(
      c,
      deps,
      'submit/section.njk',
      {
        title: `${context.errors?.length ? 'Error: ' : ''}${context.section.title}`,
        activeNav: 'account',
        section: context.section,
        statementId: context.id,
        etag: context.etag,
        organisationName: context.organisationName,
        values: context.values,
        archivedFile: context.document.archivedFile,
        options: OPTIONS,
        maxMegabytes: MAX_DOCUMENT_BYTES / 1024 / 1024,
        errors: {},
        errorList: [],
        ...(context.errors?.length ? errorsFor(context.id, context.errors, context.section) : {}),
      },
      status,
    );

  app.get('/account/statements/:id/:section', async (c) => {
    const section = sectionBySlug(c.req.param('section'));
    if (!section)
      return renderDomainError(c, deps, new DomainError('not_found', 'There is no such question.'));
    try {
      const { header, organisation, document } = await load(c);
      return renderSection(c, {
        section,
        id: header.id,
        etag: header.etag,
        organisationName: organisation.name,
        values: formFromDocument(document),
        document,
      });
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  // Body size is limited where the body is first read (pageCsrfProtection, 11 MB); files to 10 MB.
  app.post('/account/statements/:id/:section', async (c) => {
    const section = sectionBySlug(c.req.param('section'));
    if (!section)
      return renderDomainError(c, deps, new DomainError('not_found', 'There is no such question.'));
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    let etag = typeof form.etag === 'string' ? form.etag : '';
    try {
      const { header, organisation, user } = await load(c);
      let { document } = await load(c);
      const again = (errors: FieldError[], status: 409 | 413 | 415 | 422 = 422) =>
        renderSection(
          c,
          {
            section,
            id: header.id,
            etag,
            organisationName: organisation.name,
            values: formValuesOf(form),
            document,
            errors,
          },
          status,
        );

      // An uploaded file is archived first, then the rest of the answers are saved on top.
      const file = form.file;
      if (section.slug === 'document' && file instanceof File && file.size > 0) {
        try {
          const uploaded = await archiveStatementFile(
            deps,
            user,
            header.id,
            { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name },
            etag,
          );
          etag = uploaded.etag;
          document = (await load(c)).document;
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          const status =
            error.kind === 'too_large' ? 413 : error.kind === 'unsupported_media_type' ? 415 : 422;
          if (error.kind === 'conflict') throw error;
          return again([{ path: '/file', message: error.fieldErrors[0]?.message ?? error.message }], status);
        }
      }

      const { patch, errors } = patchFromForm(section.slug, form, document);
      if (errors.length > 0) return again(errors);
      try {
        await saveDraft(deps, user, header.id, etag, applyPatch(document, patch));
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'invalid') return again(error.fieldErrors);
        throw error;
      }
      const next = section.slug === 'group' && patch.isGroup ? 'members' : undefined;
      return c.redirect(`/account/statements/${header.id}${next ? `/${next}` : ''}`, 303);
    } catch (error) {
      return renderDomainError(c, deps, error);
    }
  });

  return app;
}
