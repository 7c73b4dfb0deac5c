import { OpenAPIHono } from '@hono/zod-openapi';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { invalid } from '../domain/errors.ts';
import { authentication, pageCsrfProtection } from './auth.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { fieldErrorsFromZod, mapError, problemResponse } from './problems.ts';
import { accountPages } from './routes/account-pages.ts';
import { apiDocsPage } from './routes/api-docs-page.ts';
import { checkApi } from './routes/check-api.ts';
import { checkPage } from './routes/check-page.ts';
import { enrolmentApi } from './routes/enrolment-api.ts';
import { healthRoutes } from './routes/health.ts';
import { homePage } from './routes/home-page.ts';
import { officersComplianceApi } from './routes/officers-compliance-api.ts';
import { officersFlagsApi } from './routes/officers-flags-api.ts';
import { officersPages } from './routes/officers-pages.ts';
import { outOfScopePages } from './routes/out-of-scope-pages.ts';
import { publicApi } from './routes/public-api.ts';
import { publicPages } from './routes/public-pages.ts';
import { reportPages, reportsApi } from './routes/reports.ts';
import { searchPage } from './routes/search-page.ts';
import { statementPages } from './routes/statement-pages.ts';
import { statementsApi } from './routes/statements-api.ts';

const isApi = (path: string) => path.startsWith('/api/');

/**
 * The whole register as one Hono app: JSON API and web pages. No AWS imports here; Lambda
 * (functions/handlers/api.ts) and the local server (functions/local/server.ts) both wrap it.
 */
export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalid(fieldErrorsFromZod(result.error.issues));
    },
  });

  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", NONCE],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
      referrerPolicy: 'strict-origin-when-cross-origin',
      xFrameOptions: 'DENY',
    }),
  );
  // Form posts must come from our own pages (Origin check); API calls carry bearer tokens.
  // A request carrying its own bearer token cannot be forged by another site, so it skips the
  // Origin check (and a JSON route answers a form body with 415, not 403).
  const originCheck = csrf();
  app.use((c, next) =>
    isApi(c.req.path) && c.req.header('authorization') !== undefined ? next() : originCheck(c, next),
  );
  // Who is asking: a bearer token (API) or the session cookie (pages); then the pages' form token.
  app.use(authentication(deps));
  app.use(pageCsrfProtection);

  app.route('/', healthRoutes(deps));
  app.route('/', homePage(deps));
  app.route('/', searchPage(deps));
  app.route('/', publicApi(deps));
  app.route('/', publicPages(deps));
  app.route('/', enrolmentApi(deps));
  app.route('/', statementsApi(deps));
  app.route('/', checkApi(deps));
  app.route('/', checkPage(deps));
  app.route('/', accountPages(deps));
  app.route('/', outOfScopePages(deps));
  app.route('/', statementPages(deps));
  app.route('/', officersFlagsApi(deps));
  app.route('/', officersComplianceApi(deps));
  app.route('/', reportsApi(deps));
  app.route('/', reportPages(deps));
  app.route('/', officersPages(deps));

  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Modern slavery statement register',
      version: '1.0.0',
      description:
        'Statements made under section 54 of the Modern Slavery Act 2015, checked sentence by sentence.',
    },
  };
  app.doc31('/api/v1/openapi.json', openApiConfig);
  app.route(
    '/',
    apiDocsPage(deps, () => app.getOpenAPI31Document(openApiConfig)),
  );

  app.notFound((c) => {
    if (isApi(c.req.path)) return problemResponse(c, 404, 'There is nothing at this address.');
    const html = deps.render('error.njk', {
      title: 'Page not found',
      message: 'If you typed the web address, check it is correct.',
      nonce: c.get('secureHeadersNonce'),
    });
    return c.html(html, 404);
  });

  app.onError((error, c) => {
    const response = mapError(error, c, deps.log);
    if (isApi(c.req.path) || c.req.path === '/health' || response.status < 500) return response;
    const html = deps.render('error.njk', {
      title: 'Sorry, there is a problem with the service',
      message: 'Try again later.',
      nonce: c.get('secureHeadersNonce'),
    });
    return c.html(html, 500);
  });

  return app;
}

export type RegisterApp = ReturnType<typeof createApp>;
