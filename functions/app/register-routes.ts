import type { RouteSet } from './app.ts';
import { accountPages } from './routes/account-pages.ts';
import { enrolmentApi } from './routes/enrolment-api.ts';
import { healthRoutes } from './routes/health.ts';
import { homePage } from './routes/home-page.ts';
import { hostedSignInPages } from './routes/hosted-sign-in.ts';
import { officersComplianceApi } from './routes/officers-compliance-api.ts';
import { officersFlagsApi } from './routes/officers-flags-api.ts';
import { officersGovImportPage } from './routes/officers-gov-import-page.ts';
import { officersPages } from './routes/officers-pages.ts';
import { outOfScopePages } from './routes/out-of-scope-pages.ts';
import { ownOrganisationPages } from './routes/own-organisation-pages.ts';
import { ownOrganisationsApi } from './routes/own-organisations-api.ts';
import { problemPages } from './routes/problem-pages.ts';
import { publicApi } from './routes/public-api.ts';
import { publicPages } from './routes/public-pages.ts';
import { reportPages, reportsApi } from './routes/reports.ts';
import { reviewApi } from './routes/review-api.ts';
import { reviewPages } from './routes/review-pages.ts';
import { searchPage } from './routes/search-page.ts';
import { sitePages } from './routes/site-pages.ts';
import { statementPages } from './routes/statement-pages.ts';
import { statementsApi } from './routes/statements-api.ts';

/** Everything but the checker: public register, submissions, officers. */
export const registerRoutes: RouteSet = (deps) => [
  healthRoutes(deps),
  // Before the account pages: in AWS, /sign-in leaves for Cognito's managed login.
  ...(deps.hostedSignIn ? [hostedSignInPages(deps, deps.hostedSignIn)] : []),
  homePage(deps),
  sitePages(deps),
  searchPage(deps),
  publicApi(deps),
  publicPages(deps),
  problemPages(deps),
  enrolmentApi(deps),
  ownOrganisationsApi(deps),
  statementsApi(deps),
  ownOrganisationPages(deps),
  accountPages(deps),
  outOfScopePages(deps),
  statementPages(deps),
  officersFlagsApi(deps),
  officersComplianceApi(deps),
  reportsApi(deps),
  reportPages(deps),
  officersGovImportPage(deps),
  officersPages(deps),
  reviewApi(deps),
  reviewPages(deps),
];
