import { TemplateError } from './errors.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** A template's `Mappings`: map name → top-level key → second-level key → a value (a string or a list of strings). */
export type TemplateMappings = ReadonlyMap<string, ReadonlyMap<string, ReadonlyMap<string, unknown>>>;

const isScalar = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/**
 * The `Mappings` section checked as CloudFormation checks it ("Mappings syntax"): two levels of keys, each value a
 * string or a list of strings (YAML numbers and booleans are their text, as CloudFormation reads them). Maps, not
 * objects, so a key named `__proto__` or `constructor` is only a key.
 */
export function readMappings(section: Record<string, unknown>): TemplateMappings {
  const mappings = new Map<string, Map<string, Map<string, unknown>>>();
  for (const [name, mapping] of Object.entries(section)) {
    if (!isMapping(mapping))
      throw new TemplateError(`Mappings.${name}: must be a mapping of top-level keys, got ${JSON.stringify(mapping)}`);
    const topLevel = new Map<string, Map<string, unknown>>();
    for (const [top, values] of Object.entries(mapping)) {
      if (!isMapping(values))
        throw new TemplateError(
          `Mappings.${name}.${top}: must be a mapping of second-level keys, got ${JSON.stringify(values)}`,
        );
      const secondLevel = new Map<string, unknown>();
      for (const [second, value] of Object.entries(values)) {
        if (isScalar(value)) secondLevel.set(second, String(value));
        else if (Array.isArray(value) && value.every(isScalar)) secondLevel.set(second, value.map(String));
        else
          throw new TemplateError(
            `Mappings.${name}.${top}.${second}: must be a string or a list of strings, got ${JSON.stringify(value)}`,
          );
      }
      topLevel.set(top, secondLevel);
    }
    mappings.set(name, topLevel);
  }
  return mappings;
}

/** Whether `Mappings` holds a value at the three keys (`Fn::FindInMap` with a default value asks first). */
export function hasMapping(
  mappings: TemplateMappings,
  [name, top, second]: readonly [string, string, string],
): boolean {
  return mappings.get(name)?.get(top)?.has(second) === true;
}

/** `Fn::FindInMap`'s value, or CloudFormation's error naming the keys that are not there. */
export function findInMap(mappings: TemplateMappings, keys: readonly [string, string, string], where: string): unknown {
  const [name, top, second] = keys;
  const mapping = mappings.get(name);
  if (mapping === undefined) {
    const known = [...mappings.keys()];
    throw new TemplateError(
      `${where}: no mapping named ${name} in Mappings (${known.length > 0 ? `known: ${known.join(', ')}` : 'the template has none'})`,
    );
  }
  const value = mapping.get(top)?.get(second);
  if (value === undefined) {
    const missing = mapping.has(top) ? `${top}.${second}` : `key ${top}`;
    throw new TemplateError(
      `${where}: Unable to get mapping for ${name}::${top}::${second} (Mappings.${name} has no ${missing})`,
    );
  }
  return value;
}
