import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * DynamoDB-typed attribute values as JSON, the way the DynamoDB JSON export writes them:
 * binaries (B, BS) as base64 strings, everything else as it is. Lossless both ways.
 */
export function attributeToJson(value: AttributeValue): unknown {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString('base64') };
  if (value.BS !== undefined) return { BS: value.BS.map((b) => Buffer.from(b).toString('base64')) };
  if (value.L !== undefined) return { L: value.L.map(attributeToJson) };
  if (value.M !== undefined) return { M: itemToJson(value.M) };
  return value;
}

export function itemToJson(item: Record<string, AttributeValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, attributeToJson(value)]));
}

export function attributeFromJson(value: Record<string, unknown>): AttributeValue {
  if (typeof value.B === 'string') return { B: Buffer.from(value.B, 'base64') };
  if (Array.isArray(value.BS)) return { BS: value.BS.map((b) => Buffer.from(String(b), 'base64')) };
  if (Array.isArray(value.L))
    return { L: value.L.map((v) => attributeFromJson(v as Record<string, unknown>)) };
  if (value.M && typeof value.M === 'object') return { M: itemFromJson(value.M as Record<string, unknown>) };
  // DynamoDB itself validates the remaining scalar and set types on write.
  return value as unknown as AttributeValue;
}

export function itemFromJson(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]) => [name, attributeFromJson(value as Record<string, unknown>)]),
  );
}
