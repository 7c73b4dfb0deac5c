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

/** The text could not be read at all (scan, password, unreadable): text rules cannot decide. */
export const textUnreadable = (context: RuleContext) =>
  !hasText(context) &&
  context.extraction.problem !== undefined &&
  context.extraction.problem.reason !== 'empty';

/**
 * Why the text rules cannot read the statement, when they cannot: no readable text (a scan, a
 * password, an unreadable file: the checker is sure it cannot tell) or another language (the
 * checker reads English only: it cannot tell, so its findings are unclear).
 */
export function textUnusable(
  context: RuleContext,
): { message: string; certainty: 'confident' | 'unclear' } | undefined {
  if (textUnreadable(context))
    return { message: 'The statement’s text could not be read.', certainty: 'confident' };
  if (context.language === 'other')
    return {
      message: 'The statement does not appear to be in English, and the checker reads English only.',
      certainty: 'unclear',
    };
  return undefined;
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
