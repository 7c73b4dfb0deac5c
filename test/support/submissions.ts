import type { OpenAPIHono } from '@hono/zod-openapi';
import { expect } from 'vitest';
import type { AppEnv } from '../../functions/app/deps.ts';
import type { SubmissionDocument } from '../../schemas/submission.ts';
import { authFor } from './app.ts';

type App = OpenAPIHono<AppEnv>;

/** A complete, valid submission document (relative to the test clock, 29 November 2026). */
export function validDocument(overrides: Partial<SubmissionDocument> = {}): SubmissionDocument {
  return {
    jurisdiction: 'UK',
    isGroup: false,
    statementUrl: 'https://acme.example/modern-slavery-statement',
    contactEmail: null,
    homepageUrl: 'https://acme.example/',
    periodStart: '2025-04-01',
    periodEnd: '2026-03-31',
    approvedBy: 'board',
    approvalDate: '2026-07-15',
    signatory: { firstName: 'Ann', lastName: 'Smith', jobTitle: 'Director', role: 'director' },
    areas: {
      structure: { covered: true },
      policies: { covered: true },
      riskAssessment: { covered: true },
      dueDiligence: { covered: true },
      training: { covered: false, reason: 'Programme starts next year' },
      kpis: { covered: true },
    },
    sectors: ['Fashion, textiles, apparel and luxury goods'],
    turnover: '£60 million to £100 million',
    yearsProducing: '1 to 5 years',
    ...overrides,
  };
}

export const officer = { email: 'officer@register.example', officer: true };

export async function json(
  app: App,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return app.request(path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let counter = 0;
/** An officer adds an organisation; answers its id and enrolment code. */
export async function addOrganisation(app: App, overrides: Record<string, unknown> = {}) {
  counter += 1;
  const response = await json(
    app,
    'POST',
    '/api/v1/organisations',
    { name: `Acme ${counter} Ltd`, entityType: 'company', financialYearEnd: '03-31', ...overrides },
    await authFor(officer),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; enrolmentCode: string };
}

/** A new organisation with `email` enrolled to act for it. */
export async function enrolledOrganisation(app: App, email: string, overrides: Record<string, unknown> = {}) {
  const organisation = await addOrganisation(app, overrides);
  const response = await json(
    app,
    'POST',
    '/api/v1/enrolments',
    { code: organisation.enrolmentCode },
    await authFor({ email }),
  );
  expect(response.status).toBe(201);
  return organisation;
}
