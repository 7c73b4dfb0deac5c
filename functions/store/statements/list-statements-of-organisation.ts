import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { type StatementHeader, statementHeaderSchema } from '../../../schemas/statement.ts';
import { keys, withoutKeys } from '../keys.ts';
import { queryPrefix } from '../query-prefix.ts';
import type { Store } from '../store.ts';

/**
 * The organisation's statements, one per reporting year (newest year first), found through its
 * keys.statementForYear claims. Drafts and withdrawn statements included: check `status`.
 */
export async function listStatementsOfOrganisation(
  store: Store,
  organisationId: string,
): Promise<StatementHeader[]> {
  const ids: string[] = [];
  const claims = queryPrefix(store, keys.organisation(organisationId).pk, keys.statementForYearPrefix, {
    newestFirst: true,
  });
  for await (const item of claims) if (typeof item.statementId === 'string') ids.push(item.statementId);

  const headers = new Map<string, StatementHeader>();
  for (let i = 0; i < ids.length; i += 100) {
    let request: Record<string, { Keys: Record<string, unknown>[] }> | undefined = {
      [store.tableName]: { Keys: ids.slice(i, i + 100).map((id) => keys.statement(id)) },
    };
    for (let attempt = 0; request && Object.keys(request).length > 0 && attempt < 8; attempt++) {
      const result = await store.doc.send(new BatchGetCommand({ RequestItems: request }));
      for (const item of result.Responses?.[store.tableName] ?? []) {
        const header = statementHeaderSchema.parse(withoutKeys(item));
        headers.set(header.id, header);
      }
      request = result.UnprocessedKeys as typeof request;
      if (request && Object.keys(request).length > 0)
        await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
  return ids.flatMap((id) => headers.get(id) ?? []);
}
