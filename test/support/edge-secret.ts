/**
 * Tests that talk to the API stage directly on a stack that lets only its edge in: they start the stack with a
 * known `OriginSecret` and send it the way CloudFront does (the `x-origin-verify` header), as the edge itself would.
 */
import type { ConnectOptions } from '../../smoke/client.ts';

/** The OriginSecret these tests choose (the parameter's rule: 32-128 letters, digits, - or _). */
export const KNOWN_ORIGIN_SECRET = 'test-origin-secret-0123456789abcdefABCDEF';

/** `startLocalStack` options that set the secret, with any other parameter overrides kept. */
export function withKnownOriginSecret(overrides: Record<string, string> = {}): {
  parameterOverrides: Record<string, string>;
} {
  return { parameterOverrides: { ...overrides, OriginSecret: KNOWN_ORIGIN_SECRET } };
}

/** Connect options of a client that presents the secret, as the edge does. */
export function asEdge(options: ConnectOptions = {}): ConnectOptions {
  return { ...options, headers: { ...options.headers, 'x-origin-verify': KNOWN_ORIGIN_SECRET } };
}
