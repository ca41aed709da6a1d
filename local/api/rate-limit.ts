/**
 * A token bucket for the `@connections` API's optional throttling: `perSecond` requests a second, bursts of as many.
 * API Gateway answers requests over its rate with 429 `LimitExceededException` (docs/aws-behaviour.md#apigw-connections);
 * its actual rate is not published, so the local API throttles only when asked to.
 */
export function createRateLimiter(perSecond: number, now: () => number = Date.now): { take(): boolean } {
  let tokens = perSecond;
  let refilledAt = now();
  return {
    take() {
      const at = now();
      tokens = Math.min(perSecond, tokens + ((at - refilledAt) / 1000) * perSecond);
      refilledAt = at;
      if (tokens < 1) return false;
      tokens -= 1;
      return true;
    },
  };
}
