import type { RuleContext } from './context.ts';
import { FUTURE, isPromise, PAST } from './wording.ts';

/** Headings that announce plans: "Next year", "Looking ahead", "Our priorities for 2026". */
const FUTURE_HEADING =
  /\b(next steps|looking (ahead|forward)|the (year|months) ahead|^(our )?plans$|plans for (the )?(next|coming|future|20\d\d)|priorities for|future (plans|actions|priorities|steps)|commitments for|road ?map)\b/i;

const cache = new WeakMap<RuleContext, boolean[]>();

/**
 * Whether the sentence states an intention rather than an action. Beyond its own wording
 * (`isPromise`), a sentence without past-tense wording inherits the promise of what introduces
 * it: a list item under a lead-in such as "Over the next year we intend to:", or any sentence
 * under a heading such as "Next year" or "Looking ahead".
 */
export function promisedAt(c: RuleContext, i: number): boolean {
  let flags = cache.get(c);
  if (!flags) {
    flags = c.sentences.map((s, k) => {
      if (isPromise(s.text)) return true;
      if (PAST.test(s.text)) return false;
      const heading = s.heading ?? '';
      if (heading && (FUTURE_HEADING.test(heading) || isPromise(heading))) return true;
      if (s.unit !== 'list_item') return false;
      for (let j = k - 1; j >= 0; j--) {
        const before = c.sentences[j]!;
        if (before.unit === 'list_item') continue;
        return before.heading === s.heading && /:$/.test(before.text.trim()) && FUTURE.test(before.text);
      }
      return false;
    });
    cache.set(c, flags);
  }
  return flags[i] ?? false;
}
