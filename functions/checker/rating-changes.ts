import type { Rating } from '../../schemas/statement-summary.ts';

/** A stored result whose rating a recheck changed. */
export interface RatingChange {
  statementId: string;
  revision: number;
  from: Rating;
  to: Rating;
}

/** The recheck's summary of changed ratings: one line each, "id revision n: old -> new". */
export function ratingChangesReport(changes: readonly RatingChange[]): string {
  if (!changes.length) return 'No rating changed.';
  const unread = changes.filter((c) => c.to === 'not_determined').length;
  return [
    `${changes.length} rating${changes.length === 1 ? '' : 's'} changed:`,
    ...changes.map((c) => `  ${c.statementId} revision ${c.revision}: ${c.from} -> ${c.to}`),
    ...(unread
      ? [
          `  (${unread} now not determined: the checker could not read ${unread === 1 ? 'it' : 'them'}; queued for an officer as not_determined)`,
        ]
      : []),
  ].join('\n');
}

/**
 * The whole recheck summary: the public ratings (reviews applied) that changed, then the
 * automated ones, then the reviewed findings the new rules disagree with (queued, not applied).
 */
export function recheckReport(outcome: {
  changed: readonly RatingChange[];
  publicChanged: readonly RatingChange[];
  disagreements: readonly {
    statementId: string;
    revision: number;
    rule: string;
    reviewed: string;
    automatedNow: string;
  }[];
}): string {
  const lines = [
    `Public ratings (as shown, the register's reviews applied): ${ratingChangesReport(outcome.publicChanged)}`,
    `Automated ratings: ${ratingChangesReport(outcome.changed)}`,
  ];
  const n = outcome.disagreements.length;
  lines.push(
    n === 0
      ? 'No reviewed finding disagrees with the new rules.'
      : `${n} reviewed finding${n === 1 ? '' : 's'} the new rules disagree with (the review stays; queued for an officer as review_disagreement):`,
    ...outcome.disagreements.map(
      (d) =>
        `  ${d.statementId} revision ${d.revision} ${d.rule}: reviewed ${d.reviewed}, now ${d.automatedNow}`,
    ),
  );
  return lines.join('\n');
}
