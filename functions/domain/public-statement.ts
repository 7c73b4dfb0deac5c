import type { PublicDocument, PublicStatement } from '../../schemas/public-statement.ts';
import type { Revision, StatementHeader } from '../../schemas/statement.ts';
import type { CheckSummary, StatementSummary } from '../../schemas/statement-summary.ts';

/** The path the archived copy of a revision's file is served from. */
export function archivedCopyPath(statementId: string, revision: number): string {
  return `/statements/${statementId}/revisions/${revision}/document`;
}

/**
 * A statement as the public sees it, at one submitted revision: the header's summary, with the
 * answers (and the dates, sectors and members) of that revision, and that revision's check.
 * The latest revision and the JSON-lines download use the same function, so they cannot drift.
 */
export function publicStatement(
  header: StatementSummary & Partial<Pick<StatementHeader, 'withdrawal' | 'documentFetch'>>,
  revision: Revision,
  check: CheckSummary | null,
): PublicStatement {
  const { archivedFile, ...answers } = revision.document;
  const document: PublicDocument = answers;
  return {
    id: header.id,
    organisationId: header.organisationId,
    organisationName: header.organisationName,
    companyNumber: header.companyNumber,
    isGroup: answers.isGroup,
    groupMembers: (answers.groupMembers ?? []).map((member) => ({
      name: member.name,
      companyNumber: member.companyNumber ?? null,
    })),
    year: revision.year,
    periodStart: answers.periodStart,
    periodEnd: answers.periodEnd,
    sectors: answers.sectors,
    turnover: answers.turnover,
    status: header.status,
    revision: revision.revision,
    submittedAt: revision.submittedAt,
    updatedAt: header.updatedAt,
    check,
    document,
    archivedCopy: archivedFile
      ? {
          href: archivedCopyPath(header.id, revision.revision),
          contentType: archivedFile.contentType,
          bytes: archivedFile.bytes,
          sha256: archivedFile.sha256,
        }
      : null,
    withdrawal: header.withdrawal ? { reason: header.withdrawal.reason, at: header.withdrawal.at } : null,
    ...(revision.imported ? { imported: revision.imported } : {}),
    ...(header.documentFetch && header.documentFetch.revision === revision.revision
      ? {
          documentFetch: {
            status: header.documentFetch.status,
            reason: header.documentFetch.reason,
            at: header.documentFetch.at,
          },
        }
      : {}),
  };
}
