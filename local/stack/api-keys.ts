import type { ApiKeyOptions } from '../api/types.ts';
import type { LocalApiKeys } from '../template/index.ts';

/** The usable keys, as the gateway checks them on a `$connect` with `ApiKeyRequired`. */
export function gatewayApiKeys(apiKeys: LocalApiKeys): ApiKeyOptions {
  return {
    source: apiKeys.source,
    keys: apiKeys.keys
      .filter((key) => key.usable)
      .map((key) => ({
        id: key.id,
        value: key.value,
        ...(key.throttle ? { throttle: key.throttle } : {}),
        ...(key.quota ? { quota: key.quota } : {}),
      })),
  };
}

/**
 * One line per API key of the template, for the start summary: a key without `Value` gets a random one on AWS and a
 * stand-in here (the same every start), which a developer can only learn from this line.
 */
export function apiKeySummary(apiKeys: LocalApiKeys): string[] {
  return apiKeys.keys.map((key) => {
    const limits = [
      key.throttle ? `throttle ${key.throttle.rateLimit}/s burst ${key.throttle.burstLimit}` : '',
      key.quota ? `quota ${key.quota.limit} a ${key.quota.period.toLowerCase()}` : '',
    ].filter(Boolean);
    const state = key.usable
      ? `opens $connect (usage plan ${key.usagePlan}${limits.length > 0 ? `: ${limits.join(', ')}` : ''})`
      : `refused: ${key.unusableBecause}`;
    return `${key.name} (id ${key.id}): ${key.value}${key.generated ? ' (no Value in the template: a local stand-in)' : ''}, ${state}`;
  });
}

/** How a client presents the key, for the summary's heading. */
export const apiKeySourceText = (apiKeys: LocalApiKeys): string =>
  apiKeys.source === 'HEADER'
    ? 'send it as the x-api-key header of the upgrade request'
    : 'the $connect authorizer returns it as usageIdentifierKey';
