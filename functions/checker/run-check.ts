import type { CheckDocument, CheckOrganisation, EarlierStatement } from '../../schemas/check-request.ts';
import type { CheckResult } from '../../schemas/check-result.ts';
import { checkStatement } from './check.ts';
import { type Extraction, extractDocument, extractFromText } from './extract/document.ts';
import { comparesWithRegister } from './rules/best-practice.ts';
import { type SimilarStatement, type UrlProbe, type WebsiteFindings, wordCountOf } from './rules/context.ts';
import { signatureOfText } from './similarity.ts';
import type { Tagger } from './tagger/model.ts';
import { type Fetcher, probeFromOutcome, probeHomepage } from './website.ts';

/** Where the statement's text comes from. */
export type CheckSource =
  | { kind: 'text'; text: string }
  | { kind: 'document'; bytes: Uint8Array; hint?: string }
  /** Fetch the statement from its URL (the document's statementUrl). */
  | { kind: 'url' };

export interface RunCheckDeps {
  tagger: Tagger;
  now: Date;
  /** Undefined means offline: the website rules answer `unknown`. */
  fetcher?: Fetcher | undefined;
  history?: EarlierStatement[] | undefined;
  /** Looks up near-copies among other organisations' statements (MinHash/LSH); undefined when there is no register. */
  findSimilar?: ((signature: Uint32Array) => Promise<SimilarStatement[]>) | undefined;
}

export interface RunCheckOutcome {
  result: CheckResult;
  extraction: Extraction;
  /** The MinHash signature of the text, for the register's near-copy index. */
  signature: Uint32Array | undefined;
  /** The fetched statement document, when the source was its URL (for archiving). */
  fetched?: { bytes: Uint8Array; kind: 'html' | 'pdf'; url: string } | undefined;
}

/**
 * The whole check: get the text (given, uploaded, or fetched through the guarded fetcher), probe
 * the website (statement URL, homepage link, earlier statements) unless offline, look up
 * near-copies, then run the pure rules.
 */
export async function runCheck(
  document: CheckDocument,
  source: CheckSource,
  deps: RunCheckDeps,
): Promise<RunCheckOutcome> {
  const organisation: CheckOrganisation | undefined = document.organisation ?? undefined;
  const website: WebsiteFindings | undefined = deps.fetcher ? {} : undefined;
  let extraction: Extraction;
  let fetched: RunCheckOutcome['fetched'];
  const statementUrl = document.statementUrl ?? undefined;

  if (source.kind === 'text') extraction = extractFromText(source.text);
  else if (source.kind === 'document') extraction = await extractDocument(source.bytes, source.hint);
  else
    extraction = {
      kind: 'unknown',
      sentences: [],
      problem: { reason: 'empty', message: 'The statement could not be fetched.' },
    };

  if (deps.fetcher && website) {
    if (statementUrl) {
      const outcome = await deps.fetcher(statementUrl);
      website.statement = probeFromOutcome(statementUrl, outcome);
      if (source.kind === 'url' && outcome.ok) {
        fetched = { bytes: outcome.body, kind: outcome.kind, url: outcome.url };
        extraction = await extractDocument(outcome.body, outcome.kind);
      } else if (source.kind === 'url') {
        extraction = {
          kind: 'unknown',
          sentences: [],
          problem: {
            reason: outcome.ok ? 'empty' : 'unsupported',
            message: `The statement could not be fetched: ${outcome.ok ? '' : outcome.message}`,
          },
        };
      }
    }
    const homepage = document.homepageUrl ?? undefined;
    if (homepage)
      website.homepage = await probeHomepage(
        homepage,
        statementUrl,
        deps.fetcher,
        website.statement?.finalUrl,
      );
    const previous = (deps.history ?? [])
      .filter((h) => h.statementUrl && h.statementUrl !== statementUrl)
      .slice(0, 5);
    if (previous.length) {
      website.previous = await Promise.all(
        previous.map(
          async (h): Promise<UrlProbe> =>
            probeFromOutcome(h.statementUrl!, await deps.fetcher!(h.statementUrl!)),
        ),
      );
    }
  } else if (source.kind === 'url') {
    extraction = {
      kind: 'unknown',
      sentences: [],
      problem: { reason: 'unsupported', message: 'The statement was not fetched (offline).' },
    };
  }

  const text = extraction.sentences.map((s) => s.text).join(' ');
  const names = [organisation?.name, ...(document.groupMembers ?? []).map((m) => m.name)].filter(
    (n): n is string => Boolean(n),
  );
  const signature = extraction.sentences.length ? signatureOfText(text, names) : undefined;
  // Only a text long enough for the boilerplate rule to compare is looked up (16 band Queries).
  const similar =
    deps.findSimilar && signature && comparesWithRegister(wordCountOf(extraction.sentences))
      ? await deps.findSimilar(signature)
      : undefined;

  const result = checkStatement(
    {
      document,
      organisation,
      extraction,
      textGiven: source.kind === 'text',
      history: deps.history,
      website,
      similar,
      now: deps.now,
    },
    deps.tagger,
  );
  return { result, extraction, signature, fetched };
}
