import type * as z from 'zod';
import {
  type StoredDocument,
  type StoredDraft,
  submissionDocumentSchemaAt,
  submissionDraftSchemaAt,
} from '../../../schemas/submission.ts';
import { type FieldError, invalid } from '../errors.ts';

/** zod issue paths → JSON pointers ("/areas/training/reason"). */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.map((issue) => ({
    path: `/${issue.path.map((part) => String(part).replaceAll('~', '~0').replaceAll('/', '~1')).join('/')}`,
    message: issue.message,
  }));
}

/** A draft as given: every answer present must be valid; the period is required. Throws 422. */
export function validDraft(input: unknown, now: () => Date): StoredDraft {
  const { archivedFile, ...fields } = (input ?? {}) as StoredDraft;
  const result = submissionDraftSchemaAt(now).safeParse(fields);
  if (!result.success) throw invalid(toFieldErrors(result.error.issues));
  return { ...result.data, ...(archivedFile ? { archivedFile } : {}) };
}

/** A document ready to submit: every required answer given and valid. Throws 422 naming each. */
export function validSubmission(input: unknown, now: () => Date): StoredDocument {
  const { archivedFile, ...fields } = (input ?? {}) as StoredDraft;
  const result = submissionDocumentSchemaAt(now).safeParse(fields);
  if (!result.success) {
    throw invalid(
      toFieldErrors(result.error.issues),
      'The statement cannot be submitted until these answers are complete.',
    );
  }
  return { ...result.data, ...(archivedFile ? { archivedFile } : {}) };
}

/** The same check, answering the problems instead of throwing (the check-your-answers page). */
export function submissionProblems(input: unknown, now: () => Date): FieldError[] {
  const { archivedFile: _file, ...fields } = (input ?? {}) as StoredDraft;
  const result = submissionDocumentSchemaAt(now).safeParse(fields);
  return result.success ? [] : toFieldErrors(result.error.issues);
}
