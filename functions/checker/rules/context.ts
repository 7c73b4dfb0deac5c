import type { CheckDocument, CheckOrganisation, EarlierStatement } from '../../../schemas/check-request.ts';
import type {
  CheckedSentence,
  Evidence,
  Finding,
  FindingStatus,
  RuleId,
  SentenceTag,
  Severity,
} from '../../../schemas/check-result.ts';
import type { Extraction } from '../extract/document.ts';
import { MIN_READABLE_WORDS, readableWords } from '../extract/readable.ts';
import type { Language } from '../text/language.ts';

/** What the website checks found (fetched before the pure check runs); undefined when offline. */
export interface WebsiteFindings {
  statement?: UrlProbe | undefined;
  homepage?: HomepageProbe | undefined;
  previous?: UrlProbe[] | undefined;
}

export interface UrlProbe {
  url: string;
  /** 'ok' answered with HTML/PDF; 'failed' answered wrongly (404, wrong type); 'unreachable' no answer (unknown). */
  outcome: 'ok' | 'failed' | 'unreachable';
  finalUrl?: string | undefined;
  kind?: 'html' | 'pdf' | undefined;
  detail: string;
}

export interface HomepageProbe {
  url: string;
  outcome: 'ok' | 'failed' | 'unreachable';
  detail: string;
  /** The link that leads to the statement, when one was found. */
  link?:
    | { href: string; text: string; where: 'nav' | 'header' | 'footer' | 'body'; via?: string | undefined }
    | undefined;
}

/** A statement of another organisation whose MinHash signature is close to this one's. */
export interface SimilarStatement {
  statementId: string;
  organisationId: string;
  organisationName?: string | undefined;
  similarity: number;
}

export interface CheckInput {
  document: CheckDocument;
  organisation?: CheckOrganisation | undefined;
  extraction: Extraction;
  /** Whether the text came as text (pasted, statementText) rather than a document. */
  textGiven: boolean;
  /** The organisation's earlier statements; undefined when the register is not consulted. */
  history?: EarlierStatement[] | undefined;
  website?: WebsiteFindings | undefined;
  /** Near-copies among other organisations' statements; undefined when the register is not consulted. */
  similar?: SimilarStatement[] | undefined;
  now: Date;
}

/** What every rule reads: the input plus the tagged sentences. */
export interface RuleContext extends CheckInput {
  sentences: CheckedSentence[];
  /** Sentence indices by tag. */
  byTag: Map<SentenceTag, number[]>;
  /** The tagger's probability of each AIMS label for each sentence (absent with a stub tagger). */
  scores?: Float32Array[] | undefined;
  entityType: string | undefined;
  /**
   * Who must approve and sign under s54(6): the form's entity type, else the one the statement's
   * title gives (an LLP, an LP) on a check without the form.
   */
  signingEntityType?: string | undefined;
  wordCount: number;
  /** The language of the running text: the checker reads English only. */
  language: Language;
  /**
   * Whether the check has the submission's fields (a stored statement, a JSON document) or only
   * a document (POST /api/v1/check with statementText or a file, `register check file.txt`):
   * messages mention form fields only in the first case.
   */
  formGiven: boolean;
}

export type Rule = (context: RuleContext) => Finding;

export function finding(
  rule: RuleId,
  severity: Severity,
  status: FindingStatus,
  message: string,
  evidence: Evidence[] = [],
): Finding {
  return { rule, severity, status, message, evidence };
}

/** A quoted sentence: `index` is its place in `sentences`; the evidence numbers it from 1. */
export function quote(context: RuleContext, index: number): Evidence {
  const text = context.sentences[index]?.text ?? '';
  return { sentence: index + 1, text: text.length > 400 ? `${text.slice(0, 397)}…` : text };
}

export function quotes(context: RuleContext, indices: readonly number[], max = 3): Evidence[] {
  return indices.slice(0, max).map((i) => quote(context, i));
}

export function tagged(context: RuleContext, ...tags: SentenceTag[]): number[] {
  const indices = new Set<number>();
  for (const tag of tags) for (const i of context.byTag.get(tag) ?? []) indices.add(i);
  return [...indices].sort((a, b) => a - b);
}

/** Indices of sentences whose text matches. */
export function matching(context: RuleContext, pattern: RegExp, within?: readonly number[]): number[] {
  const pool = within ?? context.sentences.map((_, i) => i);
  return pool.filter((i) => pattern.test(context.sentences[i]!.text));
}

export const hasText = (context: RuleContext) => context.sentences.length > 0;

/** The words of the extracted text (the rules' `wordCount`). */
export const wordCountOf = (sentences: readonly { text: string }[]) =>
  sentences.reduce((n, s) => n + (s.text.match(/\S+/g) ?? []).length, 0);

/**
 * The text could not be read at all (scan, password, unreadable file): text rules cannot decide.
 * A PDF without a text layer counts even when a few stray characters (page numbers) came out.
 */
export const textUnreadable = (context: RuleContext) => {
  const problem = context.extraction.problem;
  if (problem?.reason === 'no_text_layer') return true;
  return !hasText(context) && problem !== undefined && problem.reason !== 'empty';
};

/** What to do about a statement the checker could not read. */
const READABLE_FORMS = 'Upload a PDF with a text layer, a Word (.docx) file or the statement’s web page.';

/** Why the checker could not read the text, and what would let it (the extraction's own words). */
function unreadableMessage(context: RuleContext): string {
  const problem = context.extraction.problem;
  if (problem?.reason === 'no_text_layer')
    return 'The PDF has no text layer (it may be a scan), so the checker could not read it: upload a PDF with a text layer (saved or exported from the original document rather than scanned, or run through text recognition).';
  if (problem?.reason === 'unsupported')
    return `The checker could not read the statement: ${problem.message}`;
  return `The checker could not read the statement’s text (${(problem?.message ?? 'no text').replace(/\.$/, '')}). ${READABLE_FORMS}`;
}

/**
 * Why the text rules cannot read the statement, when they cannot: no readable text (a scan, a
 * password, an unreadable file), a document from which too few words came out to tell even its
 * language (the rest of it was likely not extracted), or another language (the checker reads
 * English only). In each case the checker cannot tell, so the text findings are unclear and the
 * rating is not determined (summary.ts), never a confident "not addressed".
 */
export function textUnusable(
  context: RuleContext,
): { message: string; certainty: 'confident' | 'unclear' } | undefined {
  if (textUnreadable(context)) return { message: unreadableMessage(context), certainty: 'unclear' };
  if (context.language === 'other')
    return {
      message:
        'The statement does not appear to be in English, and the checker reads English only: provide an English version (it can be published beside the original).',
      certainty: 'unclear',
    };
  // A document's extraction (a web page's, a Word file's; not a text file's) can lose its text:
  // the same floor as a PDF's text layer (extract/document.ts).
  const words = readableWords(context.sentences);
  if (words < MIN_READABLE_WORDS && !context.textGiven && context.extraction.kind !== 'text')
    return {
      message: `${words ? `Only ${words} word${words === 1 ? '' : 's'}` : 'No words'} could be read from the document, too few for the checker to tell what it says: if the statement is longer, its text could not be extracted. ${READABLE_FORMS}`,
      certainty: 'unclear',
    };
  return undefined;
}

/** A text rule that cannot read the text: unknown, and unclear when it is the checker's limit (language). */
export function unusableFinding(
  rule: RuleId,
  unusable: NonNullable<ReturnType<typeof textUnusable>>,
  severity: Severity = 'legal',
): Finding {
  return {
    ...finding(rule, severity, 'unknown', unusable.message),
    confidence: unusable.certainty === 'unclear' ? 0.5 : 1,
    certainty: unusable.certainty,
  };
}

/** A rule that needs the statement's text, when the checker could not read it (or not at all). */
export function unreadableFinding(
  context: RuleContext,
  rule: RuleId,
  severity: Severity,
): Finding | undefined {
  if (!textUnreadable(context)) return undefined;
  return unusableFinding(rule, { message: unreadableMessage(context), certainty: 'unclear' }, severity);
}

/** The submission fields that make a check more than a bare document. */
const FORM_FIELDS = [
  'approvedBy',
  'approvalDate',
  'signatory',
  'areas',
  'summary',
  'periodStart',
  'periodEnd',
  'isGroup',
  'groupMembers',
  'sectors',
  'turnover',
  'submittedAt',
] as const;
export function hasFormFields(document: CheckDocument): boolean {
  return FORM_FIELDS.some((key) => document[key] !== undefined && document[key] !== null);
}

export function formatDate(iso: string): string {
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
