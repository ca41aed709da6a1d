/** Validates a resolved `OriginRequestPolicyConfig` (from template.yaml) with errors that name field, value and rule. */
import { describeValue } from '../shared/options.ts';
import type { OriginRequestPolicyConfig } from './types.ts';

const HEADER_BEHAVIORS = ['none', 'whitelist', 'allViewer', 'allViewerAndWhitelistCloudFront'] as const;
const QUERY_BEHAVIORS = ['none', 'whitelist', 'all', 'allExcept'] as const;
const COOKIE_BEHAVIORS = ['none', 'whitelist', 'all', 'allExcept'] as const;

class OriginRequestPolicyError extends Error {
  override name = 'OriginRequestPolicyError';
}

export function parseOriginRequestPolicyConfig(
  value: unknown,
  field = 'OriginRequestPolicyConfig',
): OriginRequestPolicyConfig {
  const config = objectAt(value, field);
  const headers = objectAt(config['HeadersConfig'], `${field}.HeadersConfig`);
  const queries = objectAt(config['QueryStringsConfig'], `${field}.QueryStringsConfig`);
  const cookies = objectAt(config['CookiesConfig'], `${field}.CookiesConfig`);
  return {
    HeadersConfig: {
      HeaderBehavior: oneOf(headers['HeaderBehavior'], HEADER_BEHAVIORS, `${field}.HeadersConfig.HeaderBehavior`),
      Headers: names(headers['Headers'], `${field}.HeadersConfig.Headers`),
    },
    QueryStringsConfig: {
      QueryStringBehavior: oneOf(
        queries['QueryStringBehavior'],
        QUERY_BEHAVIORS,
        `${field}.QueryStringsConfig.QueryStringBehavior`,
      ),
      QueryStrings: names(queries['QueryStrings'], `${field}.QueryStringsConfig.QueryStrings`),
    },
    CookiesConfig: {
      CookieBehavior: oneOf(cookies['CookieBehavior'], COOKIE_BEHAVIORS, `${field}.CookiesConfig.CookieBehavior`),
      Cookies: names(cookies['Cookies'], `${field}.CookiesConfig.Cookies`),
    },
  };
}

function objectAt(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OriginRequestPolicyError(`${field}: ${describeValue(value)} must be an object`);
  }
  return value as Record<string, unknown>;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw new OriginRequestPolicyError(`${field}: ${describeValue(value)} must be one of ${allowed.join(', ')}`);
}

function names(value: unknown, field: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) {
    throw new OriginRequestPolicyError(`${field}: ${describeValue(value)} must be a list of names (strings)`);
  }
  return value as string[];
}
