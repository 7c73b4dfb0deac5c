import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { bandKeys, decodeSignature, estimatedSimilarity } from '../../checker/similarity.ts';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const bandItemSchema = z.object({
  statementId: z.string(),
  organisationId: z.string(),
  organisationName: z.string().optional(),
  signature: z.string(),
});

export interface SimilarStatementHit {
  statementId: string;
  organisationId: string;
  organisationName?: string | undefined;
  similarity: number;
}

/**
 * Statements of other organisations whose MinHash signature shares an LSH band with this one:
 * one Query per band (16), never a scan; the candidates' similarity is estimated from their
 * stored signatures.
 */
export async function findSimilarStatements(
  store: Store,
  signature: Uint32Array,
  exclude: { organisationId?: string | undefined; statementId?: string | undefined },
  limitPerBand = 50,
): Promise<SimilarStatementHit[]> {
  const pages = await Promise.all(
    bandKeys(signature).map((band) =>
      store.doc.send(
        new QueryCommand({
          TableName: store.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': keys.minhashBandPartition(band) },
          Limit: limitPerBand,
        }),
      ),
    ),
  );
  const hits = new Map<string, SimilarStatementHit>();
  for (const page of pages) {
    for (const raw of page.Items ?? []) {
      const item = bandItemSchema.safeParse(raw);
      if (!item.success) continue;
      const { statementId, organisationId, organisationName } = item.data;
      if (
        statementId === exclude.statementId ||
        organisationId === exclude.organisationId ||
        hits.has(statementId)
      )
        continue;
      hits.set(statementId, {
        statementId,
        organisationId,
        organisationName,
        similarity: estimatedSimilarity(signature, decodeSignature(item.data.signature)),
      });
    }
  }
  return [...hits.values()].sort((a, b) => b.similarity - a.similarity);
}
