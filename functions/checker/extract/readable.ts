/**
 * Fewer words of two letters or more than this, and a document's text was not really extracted:
 * a PDF is taken to have no text layer (document.ts), and the checker does not rate any document
 * (rules/context.ts).
 */
export const MIN_READABLE_WORDS = 20;

export const readableWords = (sentences: readonly { text: string }[]) =>
  sentences.reduce((n, s) => n + (s.text.match(/\p{L}{2,}/gu) ?? []).length, 0);
