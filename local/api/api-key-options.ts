import type { ApiKeyOptions } from './types.ts';

const PERIODS = ['DAY', 'WEEK', 'MONTH'];
const isCount = (value: unknown) => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Problems with the gateway's `apiKeys` option, each naming the field, the value and the rule. */
export function apiKeyProblems(apiKeys: ApiKeyOptions): string[] {
  const problems: string[] = [];
  const add = (field: string, value: unknown, rule: string) =>
    problems.push(`apiKeys${field}: ${JSON.stringify(value)} ${rule}`);
  if (apiKeys.source !== 'HEADER' && apiKeys.source !== 'AUTHORIZER')
    add('.source', apiKeys.source, "must be 'HEADER' or 'AUTHORIZER'");
  if (!Array.isArray(apiKeys.keys)) {
    add('.keys', apiKeys.keys, 'must be a list of { id, value }');
    return problems;
  }
  const values = new Set<string>();
  apiKeys.keys.forEach((key, index) => {
    const at = `.keys[${index}]`;
    if (typeof key.id !== 'string' || key.id === '') add(`${at}.id`, key.id, 'must be a non-empty string');
    if (typeof key.value !== 'string' || key.value === '') add(`${at}.value`, key.value, 'must be a non-empty string');
    else if (values.has(key.value)) add(`${at}.value`, `${key.value.slice(0, 4)}…`, 'is the value of another key');
    else values.add(key.value);
    if (key.throttle !== undefined && !(isRate(key.throttle.rateLimit) && isCount(key.throttle.burstLimit)))
      add(`${at}.throttle`, key.throttle, 'must be { rateLimit: number >= 0, burstLimit: integer >= 0 }');
    if (key.quota !== undefined && !(isCount(key.quota.limit) && PERIODS.includes(key.quota.period)))
      add(`${at}.quota`, key.quota, "must be { limit: integer >= 0, period: 'DAY' | 'WEEK' | 'MONTH' }");
  });
  return problems;
}

function isRate(value: unknown): boolean {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}
