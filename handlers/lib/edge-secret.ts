/**
 * "Only the edge reaches the API": CloudFront adds a secret header to every request it sends to the API (an origin
 * custom header); `$connect` and authorizers accept a handshake only with one of the accepted values. The accepted
 * values come from the stack's NoEcho parameters `OriginSecret` and `OriginSecretPrevious` (during a rotation),
 * comma-separated: the `$connect` Lambda's `ORIGIN_SECRETS`, the stage variable `originSecrets` that VTL and
 * authorizer events see.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { headerValue } from './headers.ts';

/** Whether `headers` carry one of the `accepted` secrets (comma-separated; empty items are never a secret). */
export function carriesEdgeSecret(
  headers: Record<string, string> | undefined,
  header: string,
  accepted: string | undefined,
): boolean {
  const presented = headerValue(headers, header);
  if (presented === undefined || presented === '') return false;
  // Compared as digests, in constant time: the answer must not tell how much of a guess was right.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  const given = digest(presented);
  let match = false;
  for (const secret of (accepted ?? '').split(',')) {
    if (secret !== '' && timingSafeEqual(given, digest(secret))) match = true;
  }
  return match;
}
