import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { keys } from '../keys.ts';
import type { Store } from '../store.ts';

/** A year's open-data file as last published to static hosting (AWS): where, how big, and when. */
export const openDataPublicationSchema = z.object({
  year: z.number().int(),
  format: z.enum(['csv', 'jsonl']),
  url: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  publishedAt: z.iso.datetime(),
});
export type OpenDataPublication = z.infer<typeof openDataPublicationSchema>;

export async function getOpenDataPublication(
  store: Store,
  year: number,
  format: 'csv' | 'jsonl',
): Promise<OpenDataPublication | null> {
  const { Item } = await store.doc.send(
    new GetCommand({ TableName: store.tableName, Key: keys.openDataPublication(year, format) }),
  );
  return Item ? openDataPublicationSchema.parse(Item) : null;
}

export async function putOpenDataPublication(store: Store, publication: OpenDataPublication): Promise<void> {
  await store.doc.send(
    new PutCommand({
      TableName: store.tableName,
      Item: {
        ...keys.openDataPublication(publication.year, publication.format),
        entity: 'openDataPublication',
        ...openDataPublicationSchema.parse(publication),
      },
    }),
  );
}
