import { Hono } from 'hono';
import type { CheckResult, SentenceTag } from '../../../schemas/check-result.ts';
import { ENTITY_TYPES } from '../../../schemas/registry-options.ts';
import type { Fetcher } from '../../checker/website.ts';
import { DomainError } from '../../domain/errors.ts';
import type { AppDeps, AppEnv } from '../deps.ts';
import { renderPage } from '../page.ts';
import { checkWithoutStoring, readCheckRequest } from './check-api.ts';

export const TAG_LABELS: Record<SentenceTag, string> = {
  approval: 'Approval',
  signature: 'Signature',
  reporting_entity: 'Reporting entity',
  structure: 'Structure',
  operations: 'Operations',
  supply_chains: 'Supply chains',
  risk: 'Risk',
  policies: 'Policies',
  due_diligence: 'Due diligence',
  training: 'Training',
  remediation: 'Remediation',
  effectiveness: 'Effectiveness',
  consultation: 'Consultation',
};

const STATUS_TAGS: Record<string, { text: string; colour: string }> = {
  pass: { text: 'Pass', colour: 'govuk-tag--green' },
  fail: { text: 'Fail', colour: 'govuk-tag--red' },
  warn: { text: 'Warning', colour: 'govuk-tag--yellow' },
  not_applicable: { text: 'Not applicable', colour: 'govuk-tag--grey' },
  unknown: { text: 'Not known', colour: 'govuk-tag--grey' },
};

const RATING_LABELS: Record<string, string> = {
  strong: 'Strong',
  adequate: 'Adequate',
  weak: 'Weak',
  non_compliant: 'Does not meet the legal minimum',
};

/** What the templates need to show a check result: findings by severity, sentences with their tags. */
export function checkResultView(result: CheckResult) {
  const section = (severity: string) =>
    result.findings
      .filter((f) => f.severity === severity)
      .map((f) => ({ ...f, statusTag: STATUS_TAGS[f.status] }));
  return {
    summary: result.summary,
    rating: RATING_LABELS[result.summary.rating],
    legalMinimum:
      result.summary.meetsLegalMinimum === null
        ? 'Not determined'
        : result.summary.meetsLegalMinimum
          ? 'Met'
          : 'Not met',
    rulesVersion: result.rulesVersion,
    sections: [
      { title: 'Legal requirements', findings: section('legal') },
      { title: 'Statutory guidance', findings: section('guidance') },
      { title: 'Best practice', findings: section('best_practice') },
    ],
    sentences: result.sentences.map((s, index) => ({
      index,
      text: s.text,
      page: s.page,
      heading: s.heading,
      tags: s.tags.map((tag) => ({ tag, label: TAG_LABELS[tag] })),
    })),
    taggedCount: result.sentences.filter((s) => s.tags.length).length,
  };
}

const entityTypeItems = (selected?: string) => [
  { value: '', text: 'Not given' },
  ...ENTITY_TYPES.map((value) => ({ value, text: value.replace(/_/g, ' '), selected: value === selected })),
];

/** "Check a statement": paste the text or upload the file; nothing is stored. Works without JavaScript. */
export function checkPage(deps: AppDeps, options: { fetcher?: Fetcher } = {}) {
  const app = new Hono<AppEnv>();
  app.get('/check', (c) =>
    renderPage(c, deps, 'check/check.njk', {
      title: 'Check a statement',
      entityTypes: entityTypeItems(),
    }),
  );
  app.post('/check', async (c) => {
    const form = { statementText: '', entityType: '' };
    try {
      const request = await readCheckRequest(c);
      const body = await c.req.parseBody();
      form.entityType = typeof body.entityType === 'string' ? body.entityType : '';
      form.statementText = typeof body.statementText === 'string' ? body.statementText : '';
      const entityType = ENTITY_TYPES.find((t) => t === form.entityType);
      if (entityType)
        request.document = {
          ...request.document,
          organisation: { ...request.document.organisation, entityType },
        };
      const { result } = await checkWithoutStoring(deps, request, {
        offline: true,
        ...(options.fetcher ? { fetcher: options.fetcher } : {}),
      });
      c.header('cache-control', 'no-store');
      return renderPage(c, deps, 'check/result.njk', {
        title: 'Check result',
        check: checkResultView(result),
      });
    } catch (error) {
      if (
        !(error instanceof DomainError) ||
        !['invalid', 'too_large', 'unsupported_media_type', 'bad_request'].includes(error.kind)
      )
        throw error;
      const message =
        error.kind === 'too_large'
          ? 'The file must be at most 10 MB'
          : error.kind === 'unsupported_media_type'
            ? 'Upload a PDF, HTML or text file'
            : 'Paste the statement’s text or upload the statement file';
      return renderPage(
        c,
        deps,
        'check/check.njk',
        {
          title: 'Error: Check a statement',
          error: message,
          statementText: form.statementText,
          entityTypes: entityTypeItems(form.entityType),
        },
        error.kind === 'too_large' ? 413 : 422,
      );
    }
  });
  return app;
}
