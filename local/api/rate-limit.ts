/**
 * A token bucket for the `@connections` API's optional throttling: `perSecond` requests a second, bursts of as many.
 * API Gateway answers requests over its rate with 429 `LimitExceededException` (docs/aws-behaviour.md#apigw-connections);
 * its actual rate is not published, so the local API throttles only when asked to. Also a usage plan's throttle
 * (`rateLimit` a second, bucket of `burstLimit`) on API keys (api-keys.ts).
 */
export function createRateLimiter(
  perSecond: number,
  now: () => number = Date.now,
  burst: number = perSecond,
): { take(): boolean } {
  let tokens = burst;
  let refilledAt = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(burst, tokens + ((at - refilledAt) / 1000) * perSecond);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
