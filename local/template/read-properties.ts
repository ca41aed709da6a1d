import { TemplateError } from './errors.ts';
import type { LocalResource } from './types.ts';

/**
 * Typed reads of resolved properties, each failing with the property path, the value
 * and the expected shape, so the accessors stay one line per field.
 */
export function propertyReader(resource: LocalResource) {
  const properties = (resource.properties ?? {}) as Record<string, unknown>;
  const where = (key: string) => `Resources.${resource.logicalId}.Properties.${key}`;
  const fail = (key: string, expected: string): never => {
    throw new TemplateError(`${where(key)}: must be ${expected}, got ${JSON.stringify(properties[key])}`);
  };
  return {
    raw: (key: string): unknown => properties[key],
    optionalString(key: string): string | undefined {
      const value = properties[key];
      return value === undefined || typeof value === 'string' ? value : fail(key, 'a string');
    },
    /** A property from a closed set, as AWS validates it on deploy. */
    optionalOneOf<T extends string>(key: string, allowed: readonly T[]): T | undefined {
      const value = properties[key];
      return value === undefined || allowed.some((item) => item === value)
        ? (value as T | undefined)
        : fail(key, `one of ${allowed.join(', ')}`);
    },
    string(key: string): string {
      const value = properties[key];
      return typeof value === 'string' ? value : fail(key, 'a string');
    },
    number(key: string, fallback: number): number {
      const value = properties[key] ?? fallback;
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof number === 'number' && Number.isFinite(number) ? number : fail(key, 'a number');
    },
    stringList(key: string, fallback: string[]): string[] {
      const value = properties[key] ?? fallback;
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value
        : fail(key, 'a list of strings');
    },
    stringMap(key: string, nested?: string): Record<string, string> {
      let value = properties[key];
      if (nested !== undefined && typeof value === 'object' && value !== null)
        value = (value as Record<string, unknown>)[nested];
      if (value === undefined) return {};
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(key, 'a mapping of strings');
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([name, item]): [string, string] => {
          if (typeof item === 'string') return [name, item];
          if (typeof item === 'number' || typeof item === 'boolean') return [name, String(item)];
          throw new TemplateError(
            `${where(key)}${nested ? `.${nested}` : ''}.${name}: must be a string, got ${JSON.stringify(item)}`,
          );
        }),
      );
    },
    records(key: string): Record<string, unknown>[] {
      const value = properties[key] ?? [];
      const ok =
        Array.isArray(value) &&
        value.every((item) => typeof item === 'object' && item !== null && !Array.isArray(item));
      return ok ? (value as Record<string, unknown>[]) : fail(key, 'a list of mappings');
    },
  };
}

export function resourcesOfType(template: { resources: Map<string, LocalResource> }, type: string): LocalResource[] {
  return [...template.resources.values()].filter((resource) => resource.type === type);
}
