/** How long each smoke step may wait: generous enough for a deployed stack, bounded for CI. */
export interface SmokeSettings {
  /** A handshake, a reply, a record appearing or vanishing. Covers sync_sfn's Wait on AWS (5 s). @default 20000 */
  stepTimeoutMs: number;
  /** async_sfn's callback through @connections, after its Wait state. @default 30000 */
  callbackTimeoutMs: number;
  /** Allowed distance between the record's TTL and now + the stack's SessionTtlSeconds (clock skew, latency). @default 300 */
  ttlToleranceSeconds: number;
  /**
   * A valid `Authorization` header value, for stacks whose `$connect` has a REQUEST authorizer
   * (from SMOKE_AUTHORIZATION, so it stays out of process lists). @example 'Basic Q1AwMDE6c2VjcmV0'
   */
  authorization?: string;
  /** The identity (path segment) the credentials belong to, for stacks with IdentityPathPattern. @example 'CP001' */
  identity?: string;
}

export const DEFAULT_SMOKE_SETTINGS: SmokeSettings = {
  stepTimeoutMs: 20_000,
  callbackTimeoutMs: 30_000,
  ttlToleranceSeconds: 300,
};

/** The node:test timeout of one smoke test: a few steps plus the callback. */
export function testTimeoutMs(settings: SmokeSettings): number {
  return 4 * settings.stepTimeoutMs + settings.callbackTimeoutMs;
}
