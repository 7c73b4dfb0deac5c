import type { Flag, FlagHistoryEntry, FlagStatus, FlagUpdate } from '../../../schemas/flag.ts';
import { conflict } from '../errors.ts';

/**
 * The flag lifecycle: open → contacted → resolved or dismissed. A flag may also be resolved or
 * dismissed straight from open, and a closed flag may be reopened; every move needs a note and
 * is kept in the flag's history with who made it and when.
 */
export const TRANSITIONS: Readonly<Record<FlagStatus, readonly FlagStatus[]>> = {
  open: ['contacted', 'resolved', 'dismissed'],
  contacted: ['resolved', 'dismissed'],
  resolved: ['open'],
  dismissed: ['open'],
};

export function canMove(from: FlagStatus, to: FlagStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function isOutstanding(status: FlagStatus): boolean {
  return status === 'open' || status === 'contacted';
}

export interface FlagChange {
  status: FlagStatus;
  assignee: string | null;
  entry: FlagHistoryEntry;
}

/**
 * What an officer's update does to a flag: the new status and assignee and the history entry
 * that records it. Throws a conflict when the move is not allowed from the flag's status.
 */
export function planUpdate(
  flag: Pick<Flag, 'status' | 'assignee'>,
  update: FlagUpdate,
  by: string,
  at: string,
) {
  const to = update.status ?? flag.status;
  const moves = to !== flag.status;
  if (moves && !canMove(flag.status, to)) {
    throw conflict(
      `A ${flag.status} flag cannot become ${to}; it can become ${TRANSITIONS[flag.status].join(' or ')}.`,
    );
  }
  const assignee = update.assignee === undefined ? flag.assignee : update.assignee;
  const reassigns = assignee !== flag.assignee;
  const entry: FlagHistoryEntry = {
    at,
    by,
    action: moves ? 'status' : reassigns ? 'assigned' : 'note',
    ...(moves ? { from: flag.status, to } : {}),
    ...(reassigns ? { assignee } : {}),
    note: update.note,
  };
  return { status: to, assignee, entry } satisfies FlagChange;
}

/** The first history entry of a flag the register raises itself. */
export function raisedEntry(at: string, by: string, note: string): FlagHistoryEntry {
  return { at, by, action: 'raised', to: 'open', note };
}
