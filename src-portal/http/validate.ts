import type { Context } from 'hono';
import type { z } from 'zod';
import { AppError } from '../../src-shared/result';
import {
  MalformedPushBody,
  type ReceivedRecord,
  SYNC_PUSH_MEDIA_TYPE,
  decodePushBody,
} from '../../src-shared/sync/protocol';
import { parseOrThrow } from '../../src-shared/validation';
import { httpMessages } from './messages';

/**
 * Reads a JSON request body and validates it with a shared zod schema. A body that is not declared as
 * JSON, or is not valid JSON, is an `invalid_input` error (400); so is one that does not match the
 * schema, with the field problems. The size limit has already been enforced by `limitBodySize`.
 */
export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError('invalid_input', httpMessages.notJson);
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch (error) {
    if (error instanceof SyntaxError) throw new AppError('invalid_input', httpMessages.malformedJson);
    throw error;
  }
  return parseOrThrow(schema, body);
}

/**
 * Reads the body of a sync push (`decodePushBody`: JSON lines, validated). A body of another media
 * type, or that is not lines of JSON, is an `invalid_input` error (400); so is a record that does not
 * match the protocol, with the field problems. The size limit has already been enforced.
 */
export async function readPushBody(c: Context): Promise<ReceivedRecord[]> {
  const contentType = c.req.header('Content-Type') ?? '';
  if (contentType.split(';')[0]!.trim().toLowerCase() !== SYNC_PUSH_MEDIA_TYPE) {
    throw new AppError('invalid_input', httpMessages.notPushBody);
  }
  const body = await c.req.text();
  try {
    return decodePushBody(body);
  } catch (error) {
    if (error instanceof MalformedPushBody)
      throw new AppError('invalid_input', httpMessages.malformedPushBody);
    throw error;
  }
}

/**
 * Validates the query string with a shared zod schema (one string per key: a repeated key keeps its
 * first value). A mismatch is an `invalid_input` error (400).
 */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseOrThrow(schema, c.req.query());
}
