import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context, Hono, Schema } from 'hono';
import { csrf } from 'hono/csrf';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import { DomainError, invalid } from '../domain/errors.ts';
import { authentication, pageCsrfProtection, sessionCookieOf, usesSessionCookie } from './auth.ts';
import { noStoreWhenSignedIn } from './cache.ts';
import type { AppDeps, AppEnv } from './deps.ts';
import { edgeGate, publicOriginOf } from './edge.ts';
import { errorPage, wantsHtml } from './error-pages.ts';
import { finishOpenApiDocument } from './openapi-document.ts';
import { fieldErrorsFromZod, mapError, problemResponse } from './problems.ts';
import { rateLimits } from './rate-limits.ts';
import { apiDocsPage } from './routes/api-docs-page.ts';

const isApi = (path: string) => path.startsWith('/api/');

const needsOriginCheck = (c: Context<AppEnv>, deps: AppDeps) =>
  !isApi(c.req.path) ||
  (c.req.header('authorization') === undefined &&
    usesSessionCookie(c.req.path) &&
    sessionCookieOf(c, deps) !== undefined);

/** Routers that serve one part of the register; a Hono app mounts one or more such sets. */
export type RouteSet = (deps: AppDeps) => Hono<AppEnv, Schema, string>[];

/**
 * A Hono app serving the given route sets, with the register's headers, CSRF protection,
 * authentication, OpenAPI document and error pages. No AWS imports here. The whole register
 * (functions/app/register-app.ts) serves every set, as the local server does; in AWS the api
 * function serves all but the checker's, which the check function serves (functions/handlers/).
 */
export function createApp(deps: AppDeps, routeSets: readonly RouteSet[]) {
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw invalid(fieldErrorsFromZod(result.error.issues));
    },
  });

  const { siteAddress } = deps;
  if (siteAddress !== undefined) {
    app.use((c, next) => {
      c.set('siteAddress', siteAddress);
      return next();
    });
  }
  // In AWS, only requests that came through CloudFront (and its WAF) are served.
  app.use(edgeGate(deps.originSecret, deps.originSecretNext));
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
  // Form posts must come from our own pages (Origin check). On the API the check guards the
  // session cookie's authority only: a request with its own bearer token, an anonymous one (no
  // cookie: the route's 401 comes first, as the contract says) and a call to a stateless public
  // route (which ignores the cookie) cannot be forged into acting for someone, so they skip it.
  const originCheck = csrf({ origin: (origin, c) => origin === publicOriginOf(c) });
  app.use((c, next) => (needsOriginCheck(c, deps) ? originCheck(c, next) : next()));
  // Who is asking: a bearer token (API) or the session cookie (pages); then the pages' form token.
  app.use(authentication(deps));
  app.use(noStoreWhenSignedIn);
  app.use(pageCsrfProtection);
  app.route('/', rateLimits(deps));

  for (const routes of routeSets) for (const router of routes(deps)) app.route('/', router);

  const openApiConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Modern slavery statement register',
      version: '1.0.0',
      description:
        'Statements made under section 54 of the Modern Slavery Act 2015, checked sentence by sentence.',
    },
  };
  // Built once, on first request, when every route is registered.
  let document: ReturnType<typeof app.getOpenAPI31Document> | undefined;
  const openApiDocument = () => {
    document ??= finishOpenApiDocument(app.getOpenAPI31Document(openApiConfig), deps.siteAddress);
    return document;
  };
  app.get('/api/v1/openapi.json', (c) => c.json(openApiDocument()));
  app.route('/', apiDocsPage(deps, openApiDocument));

  // The one negotiation point: problem JSON for API clients, a GOV.UK error page for browsers.
  app.notFound((c) =>
    wantsHtml(c) ? errorPage(c, deps, 404) : problemResponse(c, 404, 'There is nothing at this address.'),
  );

  app.onError((error, c) => {
    const response = mapError(error, c, deps.log);
    if (!wantsHtml(c)) return response;
    const detail = error instanceof DomainError && response.status < 500 ? error.message : undefined;
    return errorPage(c, deps, response.status, detail);
  });

  return app;
}

export type RegisterApp = ReturnType<typeof createApp>;
