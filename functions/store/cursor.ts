import * as z from 'zod';
import { badRequest } from '../domain/errors.ts';

const keySchema = z.record(z.string(), z.string());

/** Opaque page cursors: the last key, base64url JSON. Only string key attributes are expected. */
export function encodeCursor(key: Record<string, unknown> | undefined): string | null {
  return key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;
}

export function decodeCursor(cursor: string | undefined): Record<string, string> | undefined {
  if (!cursor) return undefined;
  try {
    return keySchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw badRequest('The cursor is not valid.');
  }
}
