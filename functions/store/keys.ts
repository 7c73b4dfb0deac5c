/**
 * Every key the register writes is built here, and nowhere else. One place to read the whole
 * single-table design:
 *
 * | entity                  | pk                      | sk                    | gsi1 (pk / sk)                         |
 * |-------------------------|-------------------------|-----------------------|----------------------------------------|
 * | organisation            | ORG#<id>                | ORG                   | ORGS#<shard> / <normalised name>#<id>  |
 * | company number (unique) | COMPANY#<number>        | COMPANY               |                                        |
 * | statement header        | STMT#<id>               | STMT                  |                                        |
 * | statement revision      | STMT#<id>               | REV#<000n>            |                                        |
 * | statement draft         | STMT#<id>               | DRAFT                 |                                        |
 * | check result            | STMT#<id>               | CHECK#<000n>          |                                        |
 * | statement for a year    | ORG#<orgId>             | YEAR#<yyyy>           |                                        |
 * | membership              | USER#<sub>              | MEMBER#<orgId>        | ORG#<orgId> / MEMBER#<sub>             |
 * | enrolment code          | ENROL#<sha256>          | ENROL                 |                                        |
 * | idempotency record      | IDEMP#<scope>#<key>     | IDEMP                 |                                        |
 * | audit event             | AUDIT#<entity>          | <timestamp>#<ulid>    | AUDIT / <timestamp>#<ulid>             |
 * | throttle counter        | THROTTLE#<scope>#<who>  | <window start>        |                                        |
 *
 * Audit entities are "organisation/<id>" or "statement/<id>". Idempotency scopes are
 * "<user id>:<route>". Throttle counters and idempotency records expire (expiresAt, TTL).
 */
const pad = (n: number, width = 6) => String(n).padStart(width, '0');

/** Organisations are spread over a few partitions so a full listing (the sweep) can run in parallel. */
export const ORGANISATION_SHARDS = 16;

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
  companyNumber: (companyNumber: string) => ({ pk: `COMPANY#${companyNumber}`, sk: 'COMPANY' }),

  statement: (id: string) => ({ pk: `STMT#${id}`, sk: 'STMT' }),
  statementPartition: (id: string) => `STMT#${id}`,
  revision: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `REV#${pad(revision)}` }),
  revisionPrefix: 'REV#',
  statementDraft: (id: string) => ({ pk: `STMT#${id}`, sk: 'DRAFT' }),
  checkResult: (id: string, revision: number) => ({ pk: `STMT#${id}`, sk: `CHECK#${pad(revision)}` }),
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
  'entity',
]);

/** Key attributes are the store's business; strip them before an item leaves the store. */
export function withoutKeys(item: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name)));
}
