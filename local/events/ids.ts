import { randomBytes } from 'node:crypto';

/**
 * IDs shaped like AWS's (docs/aws-behaviour.md#events-ids): 16 characters, base64 alphabet with `-` and `_`,
 * ending in `=` (e.g. `BFHPhfCWIAMCKlQ=`). That is exactly 11 random bytes in base64url
 * (15 characters) plus the one padding character that base64 of 11 bytes has.
 */
function newAwsStyleId(): string {
  return `${randomBytes(11).toString('base64url')}=`;
}

/** A `requestId`/`extendedRequestId` (also the format of `messageId`). */
export function newRequestId(): string {
  return newAwsStyleId();
}

/** A `connectionId`. */
export function newConnectionId(): string {
  return newAwsStyleId();
}

/** True when `value` has the AWS ID shape; lets other services validate IDs from clients. */
export function isAwsStyleId(value: string): boolean {
  return /^[A-Za-z0-9_-]{15}=$/.test(value);
}
