import type { CheckedSentence } from '../../../schemas/check-result.ts';

const LLP = /\b(LLP|limited liability partnership)\b/i;
const LP = /\b(LP|limited partnership)\b/;

/**
 * The entity type a statement gives itself in its title ("Raman Hale Architects LLP",
 * "Brackenfield Growers LP"), for a check without the form's answer: an LLP is approved by its
 * members and signed by a designated member, a limited partnership signed by a general partner.
 * Only the title is read (the first headings and sentences): an LLP named later in the text is
 * as likely a supplier or an adviser.
 */
export function entityTypeFromText(sentences: readonly CheckedSentence[]): string | undefined {
  const title = sentences
    .slice(0, 2)
    .flatMap((s) => [...(s.headingPath ?? (s.heading ? [s.heading] : [])), s.text])
    .slice(0, 4)
    .join(' \n ');
  if (LLP.test(title)) return 'llp';
  if (LP.test(title) || /\blimited partnership\b/i.test(title)) return 'limited_partnership';
  return undefined;
}
