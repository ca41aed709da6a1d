import { JavaDouble } from './java-double.ts';

/**
 * Compact JSON with keys sorted alphabetically (as Step Functions' responses are) and
 * `JavaDouble` values written in Java notation. Undefined members are left out.
 */
export function renderAwsJson(value: unknown): string {
  if (value instanceof JavaDouble) return value.toString();
  if (Array.isArray(value)) return `[${value.map((item) => renderAwsJson(item ?? null)).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const members = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, member]) => `${JSON.stringify(key)}:${renderAwsJson(member)}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
