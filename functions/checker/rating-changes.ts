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
  return [
    `${changes.length} rating${changes.length === 1 ? '' : 's'} changed:`,
    ...changes.map((c) => `  ${c.statementId} revision ${c.revision}: ${c.from} -> ${c.to}`),
  ].join('\n');
}
