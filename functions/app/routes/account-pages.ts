import { type Context, Hono } from 'hono';
import * as z from 'zod';
import { FLAG_TYPES } from '../../../schemas/flag.ts';
import { DomainError, type FieldError } from '../../domain/errors.ts';
import { organisationsOf, redeemCode } from '../../domain/submissions/organisations.ts';
import { createStatement } from '../../domain/submissions/statements.ts';
import { listFlags } from '../../store/flags/list-flags.ts';
import { listStatementsOfOrganisation } from '../../store/statements/list-statements-of-organisation.ts';
import { currentUser, requireSignedInPage, signInSession, signOutSession } from '../auth.ts';
import { clientAddress } from '../client-address.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { type FormBody, patchFromForm } from '../forms/statement-form.ts';
import { landingAfterSignIn } from '../landing.ts';
import { renderPage } from '../page.ts';
import { statusByKind } from '../problems.ts';
import { checkLabel } from '../public-labels.ts';
import { FLAG_TYPE_LABELS } from './officers-pages.ts';

const titleOfKind: Partial<Record<DomainError['kind'], string>> = {
  forbidden: 'You cannot do this',
  not_found: 'Page not found',
  conflict: 'This has changed since you opened it',
  throttled: 'Too many attempts',
};

/** Domain errors on pages become a page (not problem+json) with the right status. */
export function renderDomainError(c: Context<AppEnv>, deps: AppDeps, error: unknown) {
  if (!(error instanceof DomainError)) throw error;
  return renderPage(
    c,
    deps,
    'error.njk',
    { title: titleOfKind[error.kind] ?? 'There is a problem', message: error.message },
    statusByKind[error.kind],
  );
}

/** Builds the GOV.UK error summary list and the per-field messages from field errors. */
export function errorView(
  errors: FieldError[],
  fieldId: (path: string) => string,
  href = (id: string) => `#${id}`,
) {
  const byField: Record<string, string> = {};
  const list: { text: string; href: string }[] = [];
  for (const error of errors) {
    const id = fieldId(error.path);
    if (byField[id]) continue;
    byField[id] = error.message;
    list.push({ text: error.message, href: href(id) });
  }
  return { errors: byField, errorList: list };
}

/** Only our own paths: "/account", never "//evil.example" or "https://…". */
export function safeNext(next: string | undefined): string {
  return next && /^\/(?![/\\])[\w\-./?=&%]*$/.test(next) ? next : '/account';
}

const signInSchema = z.object({
  email: z.email({ message: 'Enter an email address in the correct format, like name@example.com' }),
});

const fieldOf = (path: string) => path.replace(/^\//, '').split('/')[0] ?? '';

/**
 * Sign-in (local development issuer only), your organisations, redeeming an enrolment code, and
 * starting a statement.
 */
export function accountPages(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.get('/sign-in', (c) => {
    c.header('cache-control', 'no-store');
    return renderPage(c, deps, 'submit/sign-in.njk', {
      title: 'Sign in',
      activeNav: 'sign-in',
      devSignIn: Boolean(deps.devIssuer),
      next: safeNext(c.req.query('next')),
      values: {},
    });
  });

  app.post('/sign-in', async (c) => {
    const issuer = deps.devIssuer;
    if (!issuer)
      return renderDomainError(c, deps, new DomainError('not_found', 'Sign-in is not available here.'));
    const form = await c.req.parseBody();
    const next = safeNext(typeof form.next === 'string' ? form.next : undefined);
    const parsed = signInSchema.safeParse({ email: typeof form.email === 'string' ? form.email.trim() : '' });
    if (!parsed.success) {
      return renderPage(
        c,
        deps,
        'submit/sign-in.njk',
        {
          title: 'Error: Sign in',
          devSignIn: true,
          next,
          values: { email: form.email, officer: form.officer },
          ...errorView(
            [{ path: '/email', message: parsed.error.issues[0]?.message ?? 'Enter your email' }],
            fieldOf,
          ),
        },
        422,
      );
    }
    const token = await issuer.sign({ email: parsed.data.email, officer: form.officer === 'yes' });
    // The token is verified as any other would be; the browser gets a session id, never the token.
    const user = await deps.verifier.verify(token);
    await signInSession(c, deps, user);
    return c.redirect(landingAfterSignIn(next, user.isOfficer), 303);
  });

  // GET changes nothing (a cross-site image or a prefetch must not sign anyone out): it offers the
  // button. The POST carries the session's form token (pageCsrfProtection).
  app.get('/sign-out', (c) => {
    if (!c.get('user')) return c.redirect('/', 303);
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'submit/sign-out.njk', { title: 'Sign out' });
  });

  app.post('/sign-out', async (c) => {
    await signOutSession(c, deps);
    return c.redirect(deps.hostedSignIn?.signOutUrl() ?? '/', 303);
  });

  app.use('/account', requireSignedInPage);
  app.use('/account/*', requireSignedInPage);

  app.get('/account', async (c) => {
    const user = currentUser(c);
    const organisations = await organisationsOf(deps.store, user);
    const withStatements = await Promise.all(
      organisations.map(async (organisation) => {
        const [statements, flags] = await Promise.all([
          listStatementsOfOrganisation(deps.store, organisation.id),
          listFlags(
            deps.store,
            { statuses: ['open', 'contacted'], types: FLAG_TYPES, organisationId: organisation.id },
            { order: 'newest', limit: 20 },
          ),
        ]);
        return {
          organisation,
          statements: statements.map((statement) => ({
            ...statement,
            checkLabel: checkLabel(statement.check ?? null),
          })),
          flags: flags.items.map((flag) => ({
            ...flag,
            label: FLAG_TYPE_LABELS[flag.type],
            note: flag.history[0]?.note ?? '',
          })),
        };
      }),
    );
    c.header('cache-control', 'private, no-store');
    return renderPage(c, deps, 'submit/account.njk', {
      title: 'Your organisations',
      activeNav: 'account',
      organisations: withStatements,
      enrolled: c.req.query('enrolled'),
      added: c.req.query('added'),
    });
  });

  app.get('/account/enrol', (c) =>
    renderPage(c, deps, 'submit/enrol.njk', {
      title: 'Enter your enrolment code',
      activeNav: 'account',
      values: {},
    }),
  );

  app.post('/account/enrol', async (c) => {
    const user = currentUser(c);
    const form = await c.req.parseBody();
    const code = typeof form.code === 'string' ? form.code : '';
    try {
      const { organisationId } = await redeemCode(deps, user, code, undefined, clientAddress(c));
      return c.redirect(`/account?enrolled=${encodeURIComponent(organisationId)}`, 303);
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'invalid' || error.kind === 'throttled')) {
        const errors =
          error.kind === 'invalid' ? error.fieldErrors : [{ path: '/code', message: error.message }];
        if (error.retryAfterSeconds !== undefined) c.header('retry-after', String(error.retryAfterSeconds));
        return renderPage(
          c,
          deps,
          'submit/enrol.njk',
          {
            title: 'Error: Enter your enrolment code',
            activeNav: 'account',
            values: { code },
            ...errorView(errors, fieldOf),
          },
          error.kind === 'throttled' ? 429 : 422,
        );
      }
      return renderDomainError(c, deps, error);
    }
  });

  app.get('/account/organisations/:orgId/statements/new', async (c) => {
    const organisation = (await organisationsOf(deps.store, currentUser(c))).find(
      (o) => o.id === c.req.param('orgId'),
    );
    if (!organisation) {
      return renderDomainError(
        c,
        deps,
        new DomainError('forbidden', 'You are not enrolled to act for this organisation.'),
      );
    }
    return renderPage(c, deps, 'submit/new-statement.njk', {
      title: 'Start a statement',
      activeNav: 'account',
      organisation,
      values: {},
    });
  });

  app.post('/account/organisations/:orgId/statements/new', async (c) => {
    const user = currentUser(c);
    const orgId = c.req.param('orgId');
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const { patch, errors } = patchFromForm('period', form, { periodStart: '', periodEnd: '' });
    try {
      if (errors.length > 0) throw new DomainError('invalid', 'Some fields are not valid.', errors);
      const { id } = await createStatement(
        deps,
        user,
        orgId,
        patch as { periodStart: string; periodEnd: string },
        {
          submit: false,
        },
      );
      return c.redirect(`/account/statements/${id}`, 303);
    } catch (error) {
      if (error instanceof DomainError && (error.kind === 'invalid' || error.kind === 'conflict')) {
        const organisation = (await organisationsOf(deps.store, user)).find((o) => o.id === orgId);
        const fieldErrors =
          error.kind === 'conflict' ? [{ path: '/periodEnd', message: error.message }] : error.fieldErrors;
        const view = errorView(fieldErrors, (path) => `${fieldOf(path)}-day`);
        return renderPage(
          c,
          deps,
          'submit/new-statement.njk',
          {
            title: 'Error: Start a statement',
            activeNav: 'account',
            organisation,
            values: form,
            ...view,
          },
          422,
        );
      }
      return renderDomainError(c, deps, error);
    }
  });

  return app;
}
