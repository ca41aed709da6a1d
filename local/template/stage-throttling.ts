import { isMapping } from '../shared/is-mapping.ts';
import { TemplateError } from './errors.ts';
import { propertyReader, resourcesOfType } from './read-properties.ts';
import type { LocalTemplate } from './types.ts';

/** A route's throttle on a stage: a token bucket of `burstLimit` tokens refilled at `rateLimit` a second. */
export interface RouteThrottle {
  rateLimit: number;
  burstLimit: number;
}

/**
 * API Gateway's account-level throttle per Region (quotas: 10,000 requests a second, bursts of 5,000): what a route
 * gets for the half of its throttle the stage leaves unset. Never reached locally on its own, so a route with no
 * throttle set at all is not throttled.
 */
const ACCOUNT_LIMITS: RouteThrottle = { rateLimit: 10_000, burstLimit: 5_000 };

type Settings = { rateLimit?: number; burstLimit?: number };

/**
 * The throttle of each route key on the served stage: `DefaultRouteSettings` for every route, `RouteSettings.<key>`
 * over it field by field (UNCONFIRMED: the field-by-field merge), an unset field from the account's limits
 * ("Protect your WebSocket APIs in API Gateway": route-level throttling overrides the account-level limits).
 */
export function routeThrottles(
  template: LocalTemplate,
  apiId: string,
  stageName: string,
  routeKeys: readonly string[],
): Map<string, RouteThrottle> {
  const throttles = new Map<string, RouteThrottle>();
  for (const stage of resourcesOfType(template, 'AWS::ApiGatewayV2::Stage')) {
    const read = propertyReader(stage);
    if (read.raw('ApiId') !== apiId || read.raw('StageName') !== stageName) continue;
    const at = `Resources.${stage.logicalId}.Properties`;
    const defaults = settingsAt(read.raw('DefaultRouteSettings'), `${at}.DefaultRouteSettings`);
    const perRoute = read.raw('RouteSettings') ?? {};
    if (!isMapping(perRoute))
      throw new TemplateError(`${at}.RouteSettings: must be a mapping of route keys, got ${JSON.stringify(perRoute)}`);
    for (const key of Object.keys(perRoute)) {
      if (!routeKeys.includes(key))
        throw new TemplateError(
          `${at}.RouteSettings.${key}: Unable to find Route by key ${key} within the provided RouteSettings (the API has no such route)`,
        );
    }
    for (const routeKey of routeKeys) {
      const own = Object.hasOwn(perRoute, routeKey)
        ? settingsAt(perRoute[routeKey], `${at}.RouteSettings.${routeKey}`)
        : {};
      const rateLimit = own.rateLimit ?? defaults.rateLimit;
      const burstLimit = own.burstLimit ?? defaults.burstLimit;
      if (rateLimit === undefined && burstLimit === undefined) continue;
      throttles.set(routeKey, {
        rateLimit: rateLimit ?? ACCOUNT_LIMITS.rateLimit,
        burstLimit: burstLimit ?? ACCOUNT_LIMITS.burstLimit,
      });
    }
  }
  return throttles;
}

/** `ThrottlingRateLimit` (a number >= 0) and `ThrottlingBurstLimit` (an integer >= 0) of one settings mapping. */
function settingsAt(value: unknown, at: string): Settings {
  if (value === undefined) return {};
  if (!isMapping(value)) throw new TemplateError(`${at}: must be a mapping, got ${JSON.stringify(value)}`);
  const record = value;
  const settings: Settings = {};
  const rate = numberAt(record['ThrottlingRateLimit'], `${at}.ThrottlingRateLimit`, false);
  const burst = numberAt(record['ThrottlingBurstLimit'], `${at}.ThrottlingBurstLimit`, true);
  if (rate !== undefined) settings.rateLimit = rate;
  if (burst !== undefined) settings.burstLimit = burst;
  return settings;
}

function numberAt(value: unknown, at: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || number < 0 || (integer && !Number.isInteger(number)))
    throw new TemplateError(`${at}: must be ${integer ? 'an integer' : 'a number'} >= 0, got ${JSON.stringify(value)}`);
  return number;
}
