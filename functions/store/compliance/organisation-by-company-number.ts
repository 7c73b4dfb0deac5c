import { GetCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

const claimSchema = z.object({ organisationId: z.string() });

/** The id of the organisation holding a company number, if the register has it. */
export async function organisationIdByCompanyNumber(
  store: Store,
  companyNumber: string,
): Promise<string | undefined> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.companyNumber(companyNumber) }),
  );
  const parsed = claimSchema.safeParse(Item);
  return parsed.success ? parsed.data.organisationId : undefined;
}
