import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { type RuleId, ruleIdSchema } from '../../../schemas/check-result.ts';
import {
  FINDING_STATUSES_FOR_REVIEW,
  findingReviewInputSchema,
  reviewRequestInputSchema,
} from '../../../schemas/review.ts';
import { DomainError, forbidden, invalid, notFound } from '../../domain/errors.ts';
import { findingEtag } from '../../domain/reviews/finding-etag.ts';
import { requestReview, reviewFinding } from '../../domain/reviews/reviews.ts';
import { getMembership } from '../../store/memberships/get-membership.ts';
import { getStatement } from '../../store/statements/get-statement.ts';
import { currentUser, requireSignedInPage } from '../auth.ts';
import { findingView, STATUS_LABELS } from '../check-result-view.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { statementView } from '../public-views.ts';
import { errorView } from './account-pages.ts';

const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

const requireOfficerPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!c.get('user')?.isOfficer) throw forbidden('Only compliance officers can see this page.');
  await next();
};

function params(c: Context<AppEnv>): { id: string; rule: RuleId } {
  const id = c.req.param('id') ?? '';
  const rule = ruleIdSchema.safeParse(c.req.param('rule'));
  if (!idPattern.test(id)) throw notFound('The statement');
  if (!rule.success) throw notFound('The finding');
  return { id, rule: rule.data };
}

async function formValues(c: Context<AppEnv>, names: readonly string[]) {
  const form = await c.req.parseBody();
  return Object.fromEntries(
    names.map((name) => [name, typeof form[name] === 'string' ? (form[name] as string) : '']),
  );
}

const fieldOf = (path: string) => path.replace(/^\//, '').split('/')[0] ?? '';

/**
 * The pages of the human review step: officers confirm or overturn the findings of a statement's
 * latest check; people enrolled for the organisation ask for a review of one finding.
 */
export function reviewPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  app.use('/officers/statements/*', requireSignedInPage, requireOfficerPage);
  app.use('/statements/:id/findings/:rule/review-request', requireSignedInPage);

  const officerPage = async (
    c: Context<AppEnv>,
    id: string,
    extra: Record<string, unknown> = {},
    status: 200 | 409 | 422 = 200,
  ) => {
    const view = await statementView(deps, id);
    const findings = (view.checkResult?.findings ?? []).map((finding) => ({
      ...findingView(finding),
      etag: findingEtag(
        view.statement.revision,
        finding.review?.version,
        view.checkResult?.rulesVersion ?? '',
      ),
    }));
    c.header('cache-control', 'private, no-store');
    return renderPage(
      c,
      deps,
      'officers/review-findings.njk',
      {
        title: `Review the findings: ${view.statement.organisationName}`,
        activeNav: 'officers',
        statement: view.statement,
        rulesVersion: view.checkResult?.rulesVersion,
        findings,
        statusItems: FINDING_STATUSES_FOR_REVIEW.map((value) => ({ value, text: STATUS_LABELS[value] })),
        reviewed: c.req.query('reviewed'),
        errors: {},
        values: {},
        ...extra,
      },
      status,
    );
  };

  app.get('/officers/statements/:id/findings', (c) => {
    const id = c.req.param('id');
    if (!idPattern.test(id)) throw notFound('The statement');
    return officerPage(c, id);
  });

  app.post('/officers/statements/:id/findings/:rule/reviews', async (c) => {
    const { id, rule } = params(c);
    const values = await formValues(c, ['decision', 'status', 'reason', 'etag']);
    try {
      const parsed = findingReviewInputSchema.safeParse({
        decision: values.decision || undefined,
        reason: values.reason,
        ...(values.decision === 'overturn' && values.status ? { status: values.status } : {}),
      });
      if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues));
      await reviewFinding(deps, currentUser(c), id, rule, parsed.data, { ifMatch: values.etag ?? '' });
      return c.redirect(`/officers/statements/${id}/findings?reviewed=${rule}#finding-${rule}`, 303);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'conflict'))
        throw error;
      const errors =
        error.kind === 'invalid' ? error.fieldErrors : [{ path: '/reason', message: error.message }];
      const view = errorView(errors, fieldOf, (field) => `#${rule}-${field}`);
      return officerPage(c, id, { errorRule: rule, values, ...view }, error.kind === 'invalid' ? 422 : 409);
    }
  });

  const requestPage = async (
    c: Context<AppEnv>,
    id: string,
    rule: RuleId,
    extra: Record<string, unknown> = {},
    status: 200 | 201 | 409 | 422 = 200,
  ) => {
    const view = await statementView(deps, id);
    const finding = view.checkResult?.findings.find((f) => f.rule === rule);
    if (!finding) throw notFound('The finding');
    c.header('cache-control', 'private, no-store');
    return renderPage(
      c,
      deps,
      'submit/review-request.njk',
      {
        title: `Ask for a review of ${rule}`,
        statement: view.statement,
        finding: findingView(finding),
        etag: findingEtag(
          view.statement.revision,
          finding.review?.version,
          view.checkResult?.rulesVersion ?? '',
        ),
        errors: {},
        values: {},
        ...extra,
      },
      status,
    );
  };

  app.get('/statements/:id/findings/:rule/review-request', async (c) => {
    const { id, rule } = params(c);
    const header = await getStatement(deps.store, id);
    if (header && !(await getMembership(deps.store, currentUser(c).id, header.organisationId))) {
      throw forbidden('Only people enrolled for this organisation can ask for a review of its statement.');
    }
    return requestPage(c, id, rule);
  });

  app.post('/statements/:id/findings/:rule/review-request', async (c) => {
    const { id, rule } = params(c);
    const values = await formValues(c, ['reason', 'etag']);
    try {
      const parsed = reviewRequestInputSchema.safeParse({ reason: values.reason });
      if (!parsed.success) throw invalid(fieldErrorsFromZod(parsed.error.issues));
      const flag = await requestReview(deps, currentUser(c), id, rule, parsed.data, {
        ifMatch: values.etag ?? '',
      });
      return requestPage(c, id, rule, { sent: flag.id }, 201);
    } catch (error) {
      if (!(error instanceof DomainError) || (error.kind !== 'invalid' && error.kind !== 'conflict'))
        throw error;
      const errors =
        error.kind === 'invalid' ? error.fieldErrors : [{ path: '/reason', message: error.message }];
      return requestPage(
        c,
        id,
        rule,
        { values, ...errorView(errors, fieldOf) },
        error.kind === 'invalid' ? 422 : 409,
      );
    }
  });

  return app;
}
