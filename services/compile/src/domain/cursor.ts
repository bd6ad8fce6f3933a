import { badRequest } from '@corazy/service-kit';

/**
 * Keyset pagination cursors: the sort key of the last row of a page, opaque to clients (base64url
 * JSON). A page after it is a range scan, stable while rows are added, unlike an offset.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor<T>(cursor: string, valid: (value: unknown) => value is T): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badRequest('cursor is not one this service gave out');
  }
  if (!valid(value)) throw badRequest('cursor is not one this service gave out');
  return value;
}
