import { randomBytes } from 'node:crypto';

/**
 * A 16-character id shaped like API Gateway's connection/request/message ids
 * (`BFHPhfCWIAMCKlQ=`): 11 random bytes in base64 with `-`/`_`, ending in `=`.
 * The trailing `=` is useful locally too: it forces clients to URL-encode the id.
 */
export function newGatewayId(): string {
  return randomBytes(11).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `$context.requestTime` in Common Log Format, UTC: `11/Nov/2024:11:35:24 +0000`. */
export function formatRequestTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}
