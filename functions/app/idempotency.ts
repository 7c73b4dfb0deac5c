import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { User } from '../../schemas/user.ts';
import { badRequest, conflict } from '../domain/errors.ts';
import { IdempotencyRaceError } from '../domain/submissions/statements.ts';
import { getIdempotencyRecord, idempotencyPut } from '../store/idempotency/idempotency-record.ts';
import type { Store } from '../store/store.ts';
import type { TransactItem } from '../store/transact.ts';

/** How long a first answer is kept for retries. */
export const IDEMPOTENCY_SECONDS = 24 * 3600;

export type IdempotencyBuilder = (status: number, body: unknown) => TransactItem;

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * `Idempotency-Key`: a retried POST answers the first answer instead of doing the work twice.
 * The answer is stored (keys.idempotency, a day's TTL) in the same transaction as the change, so
 * two racing retries cannot both act. The same key with a different request is a 409.
 */
export async function idempotent<T>(
  c: Context,
  deps: { store: Store; clock: () => Date },
  user: User,
  requestBody: unknown,
  run: (record: IdempotencyBuilder | undefined) => Promise<{ status: ContentfulStatusCode; body: T }>,
): Promise<Response> {
  const key = c.req.header('idempotency-key');
  if (key === undefined) {
    const { status, body } = await run(undefined);
    return c.json(body as object, status);
  }
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw badRequest('The Idempotency-Key header must be 1 to 255 visible ASCII characters.');
  }
  const scope = `${user.id}:${c.req.method} ${c.req.path}`;
  const requestHash = createHash('sha256')
    .update(canonical(requestBody ?? null))
    .digest('hex');
  const nowSeconds = () => Math.floor(deps.clock().getTime() / 1000);

  const replay = async () => {
    const record = await getIdempotencyRecord(deps.store, scope, key, nowSeconds());
    if (!record) return undefined;
    if (record.requestHash !== requestHash) {
      throw conflict('This Idempotency-Key was already used with a different request.');
    }
    c.header('idempotent-replayed', 'true');
    return c.body(record.body, record.status as ContentfulStatusCode, { 'content-type': 'application/json' });
  };

  const earlier = await replay();
  if (earlier) return earlier;
  const builder: IdempotencyBuilder = (status, body) => {
    const createdAt = deps.clock().toISOString();
    return idempotencyPut(deps.store, {
      scope,
      key,
      requestHash,
      status,
      body: JSON.stringify(body),
      createdAt,
      expiresAt: nowSeconds() + IDEMPOTENCY_SECONDS,
    });
  };
  try {
    const { status, body } = await run(builder);
    return c.json(body as object, status);
  } catch (error) {
    if (error instanceof IdempotencyRaceError) {
      const raced = await replay();
      if (raced) return raced;
      throw conflict('The same request is being handled already; try again.');
    }
    throw error;
  }
}
