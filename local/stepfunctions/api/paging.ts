import { errorResponse } from '../error-responses.ts';
import { RequestRefused } from './request-fields.ts';

export interface Page<T> {
  items: T[];
  nextToken?: string;
}

/**
 * One page of `items`. The token names the listing it belongs to and the last item handed out (not an offset:
 * executions start while a caller pages, and the newest come first), so a token from another listing, a forged
 * one, or one whose item is gone is refused with InvalidToken, as Step Functions refuses tokens it did not issue.
 */
export function pageOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  size: number,
  token: string | undefined,
  listing: string,
): Page<T> {
  let start = 0;
  if (token !== undefined) {
    const after = readToken(token, listing);
    const index = after === undefined ? -1 : items.findIndex((item) => keyOf(item) === after);
    if (index < 0) throw new RequestRefused(errorResponse('InvalidToken', `Invalid Token: '${token.slice(0, 100)}'`));
    start = index + 1;
  }
  const slice = items.slice(start, start + size);
  const last = slice.at(-1);
  return start + size < items.length && last !== undefined
    ? { items: slice, nextToken: writeToken(listing, keyOf(last)) }
    : { items: slice };
}

function writeToken(listing: string, after: string): string {
  return Buffer.from(JSON.stringify({ listing, after })).toString('base64url');
}

function readToken(token: string, listing: string): string | undefined {
  try {
    const parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as {
      listing?: unknown;
      after?: unknown;
    };
    return parsed.listing === listing && typeof parsed.after === 'string' ? parsed.after : undefined;
  } catch {
    return undefined; // not one of ours: the caller answers InvalidToken
  }
}
