import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/** One change to the table, as the stream worker sees it: plain objects, not marshalled values. */
export interface ChangeRecord {
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  sequenceNumber: string;
  pk: string;
  sk: string;
  newImage: Record<string, unknown> | undefined;
  oldImage: Record<string, unknown> | undefined;
}

type Image = Record<string, unknown> | undefined;

/** The parts of a stream record both Lambda's event and DynamoDB Streams' GetRecords carry. */
export interface RawStreamRecord {
  eventName?: string | undefined;
  dynamodb?:
    | {
        Keys?: Image;
        NewImage?: Image;
        OldImage?: Image;
        SequenceNumber?: string | undefined;
      }
    | undefined;
}

const asItem = (image: Image) => (image ? unmarshall(image as Record<string, AttributeValue>) : undefined);

export class MalformedStreamRecordError extends Error {}

export function changeFromStreamRecord(record: RawStreamRecord): ChangeRecord {
  const eventName = record.eventName;
  const data = record.dynamodb;
  const keys = asItem(data?.Keys);
  if (
    (eventName !== 'INSERT' && eventName !== 'MODIFY' && eventName !== 'REMOVE') ||
    !data?.SequenceNumber ||
    typeof keys?.pk !== 'string' ||
    typeof keys?.sk !== 'string'
  ) {
    throw new MalformedStreamRecordError(`Malformed stream record (${String(eventName)})`);
  }
  return {
    eventName,
    sequenceNumber: data.SequenceNumber,
    pk: keys.pk,
    sk: keys.sk,
    newImage: asItem(data.NewImage),
    oldImage: asItem(data.OldImage),
  };
}
