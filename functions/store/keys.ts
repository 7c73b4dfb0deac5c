import { ORGANISATION_WORD_MIN } from '../domain/organisation-words.ts';
import type { SearchFacet } from '../domain/search/index-entries.ts';

/**
 * Every key the register writes is built here, and nowhere else. One place to read the whole
 * single-table design:
 *
 * | entity                  | pk                      | sk                    | gsi1 (pk / sk)                         |
 * |-------------------------|-------------------------|-----------------------|----------------------------------------|
 * | organisation            | ORG#<id>                | ORG                   | ORGS#<shard> / <normalised name>#<id>  |
 * | company number (unique) | COMPANY#<number>        | COMPANY               |                                        |
 * | organisation name word  | ORGWORD#<word's first 2 letters> | <name from that word on>#<orgId> |             |
 * |   (one per significant word after the first: officers' pick list by any word's start; the stream worker keeps them) |
 * | organisation to verify  | PENDINGORGS             | <createdAt>#<orgId>   |                                        |
 * | statement header        | STMT#<id>               | STMT                  |                                        |
 * | statement revision      | STMT#<id>               | REV#<000n>            |                                        |
 * | statement draft         | STMT#<id>               | DRAFT                 |                                        |
 * | check result            | STMT#<id>               | CHECK#<000n>          |                                        |
 * | page: revision, no text | STMT#<id>               | PAGE#<000n>           |                                        |
 * | page: check, no sentences | STMT#<id>             | PAGE#<000n>#CHECK     |                                        |
 * |   (the statement page reads both with one Query, never the full texts: functions/store/statements/statement-page.ts) |
 * |   (gsi4, keys only: CHECKS#<00..15> / <rulesVersion>#<stmtId>#<000n>: `npm run recheck` finds results of old rule versions; |
 * |    sharded by statement so no check write lands on one hot partition; gsi2 CHECKS is the old, unsharded listing) |
 * | finding review          | STMT#<id>               | REVIEW#<000n>#<rule>  |                                        |
 * | open review request     | STMT#<id>               | REVIEWREQ#<000n>#<rule> |                                      |
 * | near-copy band (MinHash)| MINHASH#<band>:<hash>   | STMT#<stmtId>         |                                        |
 * | statement for a year    | ORG#<orgId>             | YEAR#<yyyy>           |                                        |
 * | membership              | USER#<sub>              | MEMBER#<orgId>        | ORG#<orgId> / MEMBER#<sub>             |
 * | session (TTL)           | SESSION#<sha256 of id>  | SESSION               |                                        |
 * | a user's session (TTL)  | USER#<sub>              | SESSION#<sha256 of id>|                                        |
 * | enrolment code          | ENROL#<sha256>          | ENROL                 |                                        |
 * | idempotency record      | IDEMP#<scope>#<key>     | IDEMP                 |                                        |
 * | audit event             | AUDIT#<entity>          | <timestamp>#<ulid>    | AUDIT / <timestamp>#<ulid>             |
 * | throttle counter        | THROTTLE#<scope>#<who>  | <window start>        |                                        |
 * | search entry            | IX#<facet>              | <relevance>#<stmtId>  | IX#<facet> / <name>#<stmtId>           |
 * |   (typo entries IX#F#<deletion key> / <relevance>#<stmtId>: table only, no gsi)                          |
 * |   (name + sector/rating entries IX#TS#…, IX#TR#…: table and gsi3 only)                                   |
 * |   (gsi2: same pk / <inverted submittedAt>#<stmtId>, on name and company entries: the date order)        |
 * |   (gsi3: <pk>#Y<year> / <relevance>#<stmtId>, on name and company entries: a name with a year, no year filtered out) |
 * | search index state      | STMT#<id>               | SEARCH                |                                        |
 * | open-data line          | EXPORT#<year>#<format>  | <name>#<stmtId>       |                                        |
 * | statistics shard        | STATS                   | <year>#<shard>        |                                        |
 * | open-data progress      | EXPORT                  | PROGRESS              |                                        |
 * | open-data publication   | EXPORT                  | PUBLISHED#<year>#<format> |                                    |
 * | flag                    | FLAG#<id>               | FLAG                  |                                        |
 * |   (gsi2: FLAGQ#<status>#<type> / <createdAt>#<id>, the queue; gsi3: FLAGORG#<orgId> / <createdAt>#<id>)     |
 * |   (gsi1: FLAGU#<status>#<type> / <confidence 0000-1000>#<createdAt>#<id>: the queue, least sure first)       |
 * | sweep mark              | ORG#<orgId>             | SWEPT#<kind>#<yyyy>   |                                        |
 * | coverage of a year      | ORG#<orgId>             | COVERED#<yyyy>#<stmtId> |                                      |
 * | out-of-scope declaration| ORG#<orgId>             | OUTOFSCOPE#<yyyy>     |                                        |
 * |   (gsi2: OOS#<yyyy> / <declaredAt>#<orgId>: officers list a year's declarations)                         |
 * | compliance counters     | COMPLIANCE              | <counter group>       |                                        |
 * | counted change (TTL)    | COUNTED#<stream seq>    | <pk>#<sk>             |                                        |
 * | sweep run               | SWEEP#<id>              | SWEEP                 | (gsi2: SWEEPS / <requestedAt>#<id>)    |
 * | sweep task (TTL)        | SWEEPTASK#<id>#<shard>  | TASK#<part>           |                                        |
 * | import job              | IMPORT#<id>             | JOB, ROWS#<nnnn>, CODES#<nnnn> (TTL)   |                        |
 * | outbox notice           | OUTBOX#<id>             | OUTBOX                | (gsi2: OUTBOX / <createdAt>#<id>)      |
 * | migration done          | MIGRATION               | <name>                |                                        |
 * | fetch rate of a host (TTL) | FETCHRATE#<host>     | <minute>              |                                        |
 * | daily fetch budget (TTL)| FETCHBUDGET             | <yyyy-mm-dd>          |                                        |
 *
 * Audit entities are "organisation/<id>" or "statement/<id>". Idempotency scopes are
 * "<user id>:<route>". Throttle counters, idempotency records and sessions expire (expiresAt, TTL).
 *
 * Search facets (IX#…, functions/domain/search/index-entries.ts): T#<name-word prefix, 2–4 chars>,
 * P#<4-char prefix>#<4-char prefix> (word pairs, alphabetical), F#<deletion key of a name word>,
 * TS#<4-char prefix>#<sector position>, TR#<4-char prefix>#<rating> (a name with a sector or rating)
 * (typo-tolerant search), CN#<company number>, ALL,
 * Y#<year>, S#<sector position>[#<year>], R#<rating>[#<year>], TO#<turnover position>[#<year>],
 * C#<sector position|->#<rating|->#<turnover position|->[#<year>] (two or three of them). Relevance sort keys ascend best first; dates are stored with
 * their digits inverted so that ascending is newest first.
 */
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

function searchFacetKey(facet: SearchFacet): string {
  const withYear = (year: number | undefined) => (year === undefined ? '' : `#${year}`);
  switch (facet.kind) {
    case 'term':
      return `IX#T#${facet.prefix}`;
    case 'company':
      return `IX#CN#${facet.companyNumber}`;
    case 'all':
      return 'IX#ALL';
    case 'year':
      return `IX#Y#${facet.year}`;
    case 'sector':
      return `IX#S#${facet.sector}${withYear(facet.year)}`;
    case 'rating':
      return `IX#R#${facet.rating}${withYear(facet.year)}`;
    case 'turnover':
      return `IX#TO#${facet.turnover}${withYear(facet.year)}`;
    case 'pair':
      return `IX#P#${facet.first}#${facet.second}`;
    case 'fuzzy':
      return `IX#F#${facet.key}`;
    case 'termSector':
      return `IX#TS#${facet.prefix}#${facet.sector}`;
    case 'termRating':
      return `IX#TR#${facet.prefix}#${facet.rating}`;
    case 'combo':
      return `IX#C#${facet.sector ?? '-'}#${facet.rating ?? '-'}#${facet.turnover ?? '-'}${withYear(facet.year)}`;
  }
}

/** Organisations are spread over a few partitions so a full listing (the sweep) can run in parallel. */
export const ORGANISATION_SHARDS = 16;

/** Check-result listing partitions (gsi4): a recheck writes to all of them, none hot. */
export const CHECK_LISTING_SHARDS = 16;

export function shardOf(id: string, shards = ORGANISATION_SHARDS): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return hash % shards;
}

export const keys = {
  organisation: (id: string) => ({ pk: `ORG#${id}`, sk: 'ORG' }),
  organisationListing: (id: string, normalisedName: string) => ({
    gsi1pk: `ORGS#${pad(shardOf(id), 2)}`,
    gsi1sk: `${normalisedName}#${id}`,
  }),
  organisationShard: (shard: number) => `ORGS#${pad(shard, 2)}`,
  /**
   * "stores" of "Tesco Stores Ltd": found by a query starting "sto" in ORGWORD#st. The partition is
   * the shortest word indexed (ORGANISATION_WORD_MIN), so every query long enough has one.
   */
  organisationWord: (tail: string, organisationId: string) => ({
    pk: keys.organisationWordPartition(tail),
    sk: `${tail}#${organisationId}`,
  }),
  organisationWordPartition: (word: string) => `ORGWORD#${word.slice(0, ORGANISATION_WORD_MIN)}`,
  companyNumber: (companyNumber: string) => ({ pk: `COMPANY#${companyNumber}`, sk: 'COMPANY' }),
  pendingOrganisations: 'PENDINGORGS',
  pendingOrganisation: (createdAt: string, id: string) => ({ pk: 'PENDINGORGS', sk: `${createdAt}#${id}` }),

  statement: (id: string) => ({ pk: `STMT#${id}`, sk: 'STMT' }),
  statementPartition: (id: string) => `STMT#${id}`,
  revision: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `REV#${pad(revision)}` }),
  revisionPrefix: 'REV#',
  statementDraft: (id: string) => ({ pk: `STMT#${id}`, sk: 'DRAFT' }),
  /** A revision as the statement page shows it: its answers without the pasted text, and the history up to it. */
  revisionPage: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `PAGE#${pad(revision)}` }),
  /** A revision's check as the statement page shows it: summary and findings with their evidence, no sentences. */
  checkPage: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `PAGE#${pad(revision)}#CHECK` }),
  pagePrefix: (revision: number) => `PAGE#${pad(revision)}`,
  checkResult: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `CHECK#${pad(revision)}` }),
  checkResultListing: (rulesVersion: string, id: string, revision: number) => ({
    gsi4pk: `CHECKS#${pad(shardOf(id, CHECK_LISTING_SHARDS), 2)}`,
    gsi4sk: `${rulesVersion}#${id}#${pad(revision)}`,
  }),
  checkResultListingShard: (shard: number) => `CHECKS#${pad(shard, 2)}`,
  /** Where results written before the sharded listing are listed (gsi2, projection ALL); moved by a daily job. */
  legacyCheckResultListingPartition: 'CHECKS',
  /** One LSH band of a statement's MinHash signature (functions/checker/similarity.ts). */
  /** An officer's review of one finding of a revision's check (functions/store/reviews). */
  findingReview: (id: string, revision: number, rule: string) => ({
    pk: `STMT#${id}`,
    sk: `REVIEW#${pad(revision)}#${rule}`,
  }),
  findingReviewPrefix: (revision: number) => `REVIEW#${pad(revision)}#`,
  /** Which review_request flag is the one open for a finding (one at a time). */
  reviewRequestLock: (id: string, revision: number, rule: string) => ({
    pk: `STMT#${id}`,
    sk: `REVIEWREQ#${pad(revision)}#${rule}`,
  }),
  minhashBand: (bandKey: string, statementId: string) => ({
    pk: `MINHASH#${bandKey}`,
    sk: `STMT#${statementId}`,
  }),
  minhashBandPartition: (bandKey: string) => `MINHASH#${bandKey}`,
  statementForYear: (organisationId: string, year: number) => ({
    pk: `ORG#${organisationId}`,
    sk: `YEAR#${year}`,
  }),
  statementForYearPrefix: 'YEAR#',

  membership: (userId: string, organisationId: string) => ({
    pk: `USER#${userId}`,
    sk: `MEMBER#${organisationId}`,
    gsi1pk: `ORG#${organisationId}`,
    gsi1sk: `MEMBER#${userId}`,
  }),
  userPartition: (userId: string) => `USER#${userId}`,
  membershipPrefix: 'MEMBER#',

  /** A web session, under the SHA-256 of the id its cookie holds (the id itself is never stored). */
  session: (sessionHash: string) => ({ pk: `SESSION#${sessionHash}`, sk: 'SESSION' }),
  /** The user's index of their sessions, so a role change can end them all. */
  userSession: (userId: string, sessionHash: string) => ({
    pk: `USER#${userId}`,
    sk: `SESSION#${sessionHash}`,
  }),
  userSessionPrefix: 'SESSION#',

  enrolmentCode: (codeHash: string) => ({ pk: `ENROL#${codeHash}`, sk: 'ENROL' }),
  idempotency: (scope: string, key: string) => ({ pk: `IDEMP#${scope}#${key}`, sk: 'IDEMP' }),
  audit: (entity: string, at: string, id: string) => ({
    pk: `AUDIT#${entity}`,
    sk: `${at}#${id}`,
    gsi1pk: 'AUDIT',
    gsi1sk: `${at}#${id}`,
  }),
  throttle: (scope: string, who: string, windowStart: string) => ({
    pk: `THROTTLE#${scope}#${who}`,
    sk: windowStart,
  }),
  /** The search index: one entry per facet partition; see the table above. */
  searchPartition: (facet: SearchFacet) => searchFacetKey(facet),
  searchEntry: (
    facet: SearchFacet,
    order: { relevance: string; name: string; date?: string | undefined; year?: number | undefined },
    statementId: string,
  ) => {
    const partition = searchFacetKey(facet);
    return {
      pk: partition,
      sk: `${order.relevance}#${statementId}`,
      gsi1pk: partition,
      gsi1sk: `${order.name}#${statementId}`,
      ...(order.date === undefined ? {} : { gsi2pk: partition, gsi2sk: `${order.date}#${statementId}` }),
      ...(order.year === undefined
        ? {}
        : { gsi3pk: `${partition}#Y${order.year}`, gsi3sk: `${order.relevance}#${statementId}` }),
    };
  },
  /** A name partition narrowed to a sector or rating: relevance order in the table, by year in gsi3, no gsi1/gsi2. */
  narrowedNameEntry: (facet: SearchFacet, relevance: string, year: number, statementId: string) => {
    const partition = searchFacetKey(facet);
    return {
      pk: partition,
      sk: `${relevance}#${statementId}`,
      gsi3pk: `${partition}#Y${year}`,
      gsi3sk: `${relevance}#${statementId}`,
    };
  },
  /** A typo-tolerant entry (`fuzzy` facet): in the table only, no index copy (read by partition, best first). */
  fuzzyEntry: (deletionKey: string, relevance: string, statementId: string) => ({
    pk: searchFacetKey({ kind: 'fuzzy', key: deletionKey }),
    sk: `${relevance}#${statementId}`,
  }),
  /** An organisation's typo entry (`fuzzy` facet, INDEX_VERSION 5): in the table only, best first. */
  organisationTypoEntry: (deletionKey: string, relevance: string, organisationId: string) => ({
    pk: searchFacetKey({ kind: 'fuzzy', key: deletionKey }),
    sk: `${relevance}#O#${organisationId}`,
  }),
  /** Which names of which listed statements an organisation's typo entries are built from. */
  organisationTypoState: (organisationId: string) => ({
    pk: keys.organisationPartition(organisationId),
    sk: 'TYPO',
  }),
  /** A name or company partition narrowed to one reporting year (gsi3), in relevance order. */
  searchYearPartition: (facet: SearchFacet, year: number) => `${searchFacetKey(facet)}#Y${year}`,
  /** What the search index holds for a statement, so the next change knows what to replace. */
  searchState: (statementId: string) => ({ pk: `STMT#${statementId}`, sk: 'SEARCH' }),
  openDataLine: (year: number, format: 'csv' | 'jsonl', nameKey: string, statementId: string) => ({
    pk: `EXPORT#${year}#${format}`,
    sk: `${nameKey}#${statementId}`,
  }),
  openDataPartition: (year: number, format: 'csv' | 'jsonl') => `EXPORT#${year}#${format}`,
  openDataProgress: () => ({ pk: 'EXPORT', sk: 'PROGRESS' }),
  /** Where a year's file was last published as a static file (AWS), and when. */
  openDataPublication: (year: number, format: 'csv' | 'jsonl') => ({
    pk: 'EXPORT',
    sk: `PUBLISHED#${year}#${format}`,
  }),
  statisticsPartition: 'STATS',
  statisticsShard: (year: number, shard: number) => ({ pk: 'STATS', sk: `${year}#${pad(shard, 2)}` }),
  /** Compliance officers (functions/store/flags, functions/store/compliance). */
  flag: (id: string) => ({ pk: `FLAG#${id}`, sk: 'FLAG' }),
  flagQueue: (status: string, type: string, createdAt: string, id: string) => ({
    gsi2pk: `FLAGQ#${status}#${type}`,
    gsi2sk: `${createdAt}#${id}`,
  }),
  flagQueuePartition: (status: string, type: string) => `FLAGQ#${status}#${type}`,
  /** The queue by the checker's confidence, lowest first (flags without one sort as 1). */
  flagUncertainQueue: (status: string, type: string, confidence: number, createdAt: string, id: string) => ({
    gsi1pk: `FLAGU#${status}#${type}`,
    gsi1sk: `${pad(Math.round(Math.min(1, Math.max(0, confidence)) * 1000), 4)}#${createdAt}#${id}`,
  }),
  flagUncertainQueuePartition: (status: string, type: string) => `FLAGU#${status}#${type}`,
  flagOfOrganisation: (organisationId: string, createdAt: string, id: string) => ({
    gsi3pk: `FLAGORG#${organisationId}`,
    gsi3sk: `${createdAt}#${id}`,
  }),
  flagOfOrganisationPartition: (organisationId: string) => `FLAGORG#${organisationId}`,
  organisationPartition: (organisationId: string) => `ORG#${organisationId}`,
  sweepMark: (organisationId: string, kind: string, year: number) => ({
    pk: `ORG#${organisationId}`,
    sk: `SWEPT#${kind}#${year}`,
  }),
  sweepMarkPrefix: 'SWEPT#',
  coverage: (organisationId: string, year: number, statementId: string) => ({
    pk: `ORG#${organisationId}`,
    sk: `COVERED#${year}#${statementId}`,
  }),
  coveragePrefix: 'COVERED#',
  outOfScope: (organisationId: string, year: number) => ({
    pk: `ORG#${organisationId}`,
    sk: `OUTOFSCOPE#${year}`,
  }),
  outOfScopePrefix: 'OUTOFSCOPE#',
  outOfScopeListing: (year: number, declaredAt: string, organisationId: string) => ({
    gsi2pk: `OOS#${year}`,
    gsi2sk: `${declaredAt}#${organisationId}`,
  }),
  outOfScopeListingPartition: (year: number) => `OOS#${year}`,
  compliancePartition: 'COMPLIANCE',
  complianceCounter: (group: string) => ({ pk: 'COMPLIANCE', sk: group }),
  countedChange: (sequenceNumber: string, pk: string, sk: string) => ({
    pk: `COUNTED#${sequenceNumber}`,
    sk: `${pk}#${sk}`,
  }),
  sweepRun: (id: string) => ({ pk: `SWEEP#${id}`, sk: 'SWEEP' }),
  sweepRunListing: (requestedAt: string, id: string) => ({
    gsi2pk: 'SWEEPS',
    gsi2sk: `${requestedAt}#${id}`,
  }),
  sweepRunsPartition: 'SWEEPS',
  sweepTask: (runId: string, shard: number, part: number) => ({
    pk: `SWEEPTASK#${runId}#${pad(shard, 2)}`,
    sk: `TASK#${pad(part, 4)}`,
  }),
  sweepTaskPrefix: 'SWEEPTASK#',
  importJob: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'JOB' }),
  importRows: (id: string, chunk: number) => ({ pk: `IMPORT#${id}`, sk: `ROWS#${pad(chunk, 4)}` }),
  importCodes: (id: string, chunk: number) => ({ pk: `IMPORT#${id}`, sk: `CODES#${pad(chunk, 4)}` }),
  importPartition: (id: string) => `IMPORT#${id}`,
  importCodesPrefix: 'CODES#',
  outbox: (id: string) => ({ pk: `OUTBOX#${id}`, sk: 'OUTBOX' }),
  outboxListing: (createdAt: string, id: string) => ({ gsi2pk: 'OUTBOX', gsi2sk: `${createdAt}#${id}` }),
  /** The polite fetcher of imported statements: fetches per host per minute, and per day. */
  fetchRate: (host: string, minute: string) => ({ pk: `FETCHRATE#${host}`, sk: minute }),
  fetchBudget: (day: string) => ({ pk: 'FETCHBUDGET', sk: day }),
  /** That a one-off migration (a daily job's backfill) has run to the end. */
  migrationMark: (name: string) => ({ pk: 'MIGRATION', sk: name }),
  /** Where to read the ping that /health does: an item that need not exist. */
  health: () => ({ pk: 'HEALTH', sk: 'HEALTH' }),
} as const;

const KEY_ATTRIBUTES = new Set([
  'pk',
  'sk',
  'gsi1pk',
  'gsi1sk',
  'gsi2pk',
  'gsi2sk',
  'gsi3pk',
  'gsi3sk',
  'gsi4pk',
  'gsi4sk',
  'entity',
]);

/** Key attributes are the store's business; strip them before an item leaves the store. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}
