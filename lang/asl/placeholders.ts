/**
 * `${Name}` placeholders in a state machine definition, as CloudFormation fills them from
 * `DefinitionSubstitutions` ("Substitutions must follow the syntax: `${key_name}`"), in keys and string values.
 * JSONPath (`$.x`) and intrinsic functions (`States.Format('{}', $.x)`) contain no `${`.
 */

/** One `${…}` occurrence; `name` is what stands between the braces. */
const PLACEHOLDER = /\$\{([^}]*)\}/g;

/** The names of the placeholders in one string, in order (repeats included). */
export function placeholderNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** Whether `text` has a `${` that no `}` closes (CloudFormation would leave it as written). */
export function hasUnclosedPlaceholder(text: string): boolean {
  return text.replace(PLACEHOLDER, '').includes('${');
}

/** A string found in a definition: where (`Parameters.TableName`, a key's own path for keys) and its text. */
export interface DefinitionString {
  path: string;
  text: string;
}

/**
 * Every key and string value under `value`, depth first, with its path. Paths for which `skip` is true are not
 * entered (a state's walk skips its nested machines' `States`: those states are visited on their own).
 */
export function definitionStrings(
  value: unknown,
  skip: (path: string) => boolean = () => false,
  path = '',
): DefinitionString[] {
  if (typeof value === 'string') return [{ path, text: value }];
  const found: DefinitionString[] = [];
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) found.push(...definitionStrings(item, skip, `${path}[${index}]`));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path === '' ? key : `${path}.${key}`;
      if (skip(at)) continue;
      found.push({ path: at, text: key }, ...definitionStrings(item, skip, at));
    }
  }
  return found;
}
