import { type Context, Hono } from 'hono';
import { outOfScopeDeclarationBodySchema } from '../../../schemas/out-of-scope.ts';
import { OUT_OF_SCOPE_REASONS } from '../../../schemas/registry-options.ts';
import { declareOutOfScope } from '../../domain/compliance/out-of-scope.ts';
import { dayOf } from '../../domain/compliance/reporting-years.ts';
import { DomainError } from '../../domain/errors.ts';
import { organisationsOf } from '../../domain/submissions/organisations.ts';
import { listOrganisationDeclarations } from '../../store/compliance/organisation-declarations.ts';
import { currentUser, requireSignedInPage } from '../auth.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { fieldErrorsFromZod } from '../problems.ts';
import { errorView, renderDomainError } from './account-pages.ts';

const fieldOf = (path: string) => path.replace(/^\//, '').split('/')[0] ?? '';

/**
 * An organisation's enrolled users declare it out of scope for a reporting year, with one of the
 * registry's reasons, and see what they declared and what officers decided.
 */
export function outOfScopePages(deps: AppDeps) {
  const app = new Hono<AppEnv>();
  const path = '/account/organisations/:orgId/out-of-scope';
  app.use(path, requireSignedInPage);

  async function page(c: Context<AppEnv>, extra: Record<string, unknown>, status: 200 | 409 | 422 = 200) {
    const orgId = c.req.param('orgId') ?? '';
    const organisation = (await organisationsOf(deps.store, currentUser(c))).find((o) => o.id === orgId);
    if (!organisation) {
      return renderDomainError(
        c,
        deps,
        new DomainError('forbidden', 'You are not enrolled to act for this organisation.'),
      );
    }
    const declarations = await listOrganisationDeclarations(deps.store, organisation.id);
    const values = (extra.values ?? {}) as Record<string, string>;
    c.header('cache-control', 'private, no-store');
    return renderPage(
      c,
      deps,
      'out-of-scope/declare.njk',
      {
        title: `${status === 200 ? '' : 'Error: '}Declare ${organisation.name} out of scope for a year`,
        activeNav: 'account',
        organisation,
        declarations,
        reasonItems: OUT_OF_SCOPE_REASONS.map((reason) => ({
          value: reason,
          text: reason,
          checked: values.reason === reason,
        })),
        suggestedYear: Number(dayOf(deps.clock()).slice(0, 4)) - 1,
        values,
        ...extra,
      },
      status,
    );
  }

  app.get(path, (c) => page(c, { declared: c.req.query('declared') }));

  app.post(path, async (c) => {
    const form = await c.req.parseBody();
    const text = (name: string) => (typeof form[name] === 'string' ? (form[name] as string) : '');
    const values = { year: text('year').trim(), reason: text('reason'), otherReason: text('otherReason') };
    const parsed = outOfScopeDeclarationBodySchema.safeParse({
      year: /^\d{4}$/.test(values.year) ? Number(values.year) : values.year,
      reason: values.reason,
      ...(values.otherReason.trim() ? { otherReason: values.otherReason } : {}),
    });
    try {
      if (!parsed.success) {
        const errors = fieldErrorsFromZod(parsed.error.issues).map((error) =>
          error.path === '/year'
            ? { ...error, message: 'Enter the reporting year as four digits, like 2025' }
            : error,
        );
        throw new DomainError('invalid', 'Some fields are not valid.', errors);
      }
      await declareOutOfScope(deps, currentUser(c), c.req.param('orgId'), parsed.data);
      return c.redirect(
        `/account/organisations/${encodeURIComponent(c.req.param('orgId'))}/out-of-scope?declared=${parsed.data.year}`,
        303,
      );
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid')
        return page(c, { values, ...errorView(error.fieldErrors, fieldOf) }, 422);
      if (error instanceof DomainError && error.kind === 'conflict')
        return page(c, { values, ...errorView([{ path: '/year', message: error.message }], fieldOf) }, 409);
      return renderDomainError(c, deps, error);
    }
  });

  return app;
}
