import { createHash } from 'node:crypto';

/**
 * Deterministic stand-ins for the random parts of AWS identifiers: the same stack, region,
 * account and logical ID always give the same local ID, so restarts keep their names
 * (tables on disk, ARNs in logs) and tests can recompute them.
 */
export function hashedId(seed: string, length: number, letterCase: 'lower' | 'upper' = 'lower'): string {
  const digest = BigInt(`0x${createHash('sha256').update(seed).digest('hex')}`);
  const text = digest.toString(36).padStart(length, '0').slice(0, length);
  return letterCase === 'upper' ? text.toUpperCase() : text;
}

/** A UUID-shaped ID (CloudFront policy IDs, stack IDs look like this). */
export function hashedUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
