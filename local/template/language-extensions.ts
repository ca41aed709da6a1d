/**
 * The `AWS::LanguageExtensions` transform's `Fn::ForEach` (CloudFormation User Guide, "Fn::ForEach"), applied to the
 * parsed template before anything else reads it, as CloudFormation applies the transform before SAM's:
 *
 *   Fn::ForEach::LoopName: [Identifier, Collection, {OutputKey: OutputValue}]
 *
 * stands, in any mapping of `Resources`, `Conditions` or `Outputs`, for one copy of `{OutputKey: OutputValue}` per
 * item of the collection, with `${Identifier}` (and `&{Identifier}`, the item without its non-alphanumeric
 * characters) replaced in keys and in `Fn::Sub` text (a Sub left with no variable becomes its text), and
 * `Ref: Identifier` replaced by the item. Loops nest (the
 * outer one is expanded first, so an inner key may name both identifiers). The collection is a list of strings, or a
 * `Ref` to a list parameter, or an `Fn::FindInMap` of a list. The other functions of the transform (`Fn::Length`,
 * `Fn::ToJsonString`, `Fn::FindInMap` with a default) are intrinsics (intrinsics.ts).
 */
import { isMapping } from '../shared/is-mapping.ts';
import { TemplateError } from './errors.ts';
import { findInMap, type TemplateMappings } from './mappings.ts';
import { parameterRefValue } from './parameters.ts';

export const LANGUAGE_EXTENSIONS_TRANSFORM = 'AWS::LanguageExtensions';

const LOOP_KEY = /^Fn::ForEach::([A-Za-z0-9]+)$/;
const IDENTIFIER = /^[A-Za-z0-9]+$/;
/** CloudFormation's limit on nested loops. */
const MAX_DEPTH = 5;
const SECTIONS = ['Conditions', 'Resources', 'Outputs'] as const;

export interface ForEachContext {
  parameters: Readonly<Record<string, string>>;
  /** Parameter name → its declared Type (a list type's value is a list: parameters.ts). */
  parameterTypes: Readonly<Record<string, string>>;
  mappings: TemplateMappings;
}

/** The document with every `Fn::ForEach` of its sections expanded; the document itself is not changed. */
export function expandForEach(document: Record<string, unknown>, context: ForEachContext): Record<string, unknown> {
  const expanded: Record<string, unknown> = { ...document };
  for (const section of SECTIONS) {
    const value = document[section];
    if (isMapping(value)) expanded[section] = expandValue(value, [section], context, true);
  }
  return expanded;
}

/** `keysMustVary`: the mapping is a section (`Resources`, …), whose loops must give each copy its own name. */
function expandValue(value: unknown, path: string[], context: ForEachContext, keysMustVary: boolean): unknown {
  if (Array.isArray(value)) return value.map((item, i) => expandValue(item, [...path, String(i)], context, false));
  if (!isMapping(value)) return value;
  const result = new Map<string, unknown>();
  const put = (key: string, item: unknown, where: string) => {
    if (result.has(key))
      throw new TemplateError(`${where}: Fn::ForEach produces the key ${JSON.stringify(key)}, which is already there`);
    result.set(key, item);
  };
  // A loop's copies may be loops themselves (nested ones): each is expanded in turn, one level deeper.
  const emit = (key: string, item: unknown, loopDepth: number, where: string): void => {
    if (!LOOP_KEY.test(key)) {
      put(key, expandValue(item, [...path, key], context, false), where);
      return;
    }
    const loopWhere = `${where === '' ? path.join('.') : where}.${key}`;
    if (loopDepth >= MAX_DEPTH)
      throw new TemplateError(`${loopWhere}: Fn::ForEach loops nest at most ${MAX_DEPTH} deep`);
    for (const [copyKey, copy] of expandLoop(item, loopWhere, context, keysMustVary))
      emit(copyKey, copy, loopDepth + 1, loopWhere);
  };
  for (const [key, item] of Object.entries(value))
    emit(key, item, 0, LOOP_KEY.test(key) ? '' : [...path, key].join('.'));
  // A plain object built key by key would treat `__proto__` as the prototype: the Map kept it as a key.
  const out: Record<string, unknown> = {};
  for (const [key, item] of result)
    Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Without the transform a loop key is no resource name CloudFormation accepts: the first one found is refused. */
export function refuseForEach(document: Record<string, unknown>): void {
  const find = (value: unknown, path: string[]): void => {
    if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) find(item, [...path, String(i)]);
      return;
    }
    if (!isMapping(value)) return;
    for (const [key, item] of Object.entries(value)) {
      if (LOOP_KEY.test(key))
        throw new TemplateError(
          `${[...path, key].join('.')}: Fn::ForEach needs the ${LANGUAGE_EXTENSIONS_TRANSFORM} transform, which the template does not declare`,
        );
      find(item, [...path, key]);
    }
  };
  for (const section of SECTIONS) find(document[section], [section]);
}

/** One loop's copies, as [key, value] pairs in collection order. */
function expandLoop(
  argument: unknown,
  where: string,
  context: ForEachContext,
  keysMustVary: boolean,
): [string, unknown][] {
  if (!Array.isArray(argument) || argument.length !== 3)
    throw new TemplateError(
      `${where}: Fn::ForEach takes [Identifier, Collection, {OutputKey: OutputValue}], got ${JSON.stringify(argument)}`,
    );
  const [identifier, collectionArgument, fragment] = argument as [unknown, unknown, unknown];
  if (typeof identifier !== 'string' || !IDENTIFIER.test(identifier))
    throw new TemplateError(
      `${where}: Fn::ForEach identifier must be letters and digits, got ${JSON.stringify(identifier)}`,
    );
  if (Object.hasOwn(context.parameters, identifier))
    throw new TemplateError(`${where}: Fn::ForEach identifier ${identifier} is also the name of a parameter`);
  if (!isMapping(fragment) || Object.keys(fragment).length === 0)
    throw new TemplateError(`${where}: Fn::ForEach's third item must be a mapping {OutputKey: OutputValue}`);
  const collection = collectionOf(collectionArgument, where, context);
  const copies: [string, unknown][] = [];
  for (const item of collection) {
    for (const [outputKey, outputValue] of Object.entries(fragment)) {
      const varies = outputKey.includes(`\${${identifier}}`) || outputKey.includes(`&{${identifier}}`);
      if (keysMustVary && !varies && !LOOP_KEY.test(outputKey))
        throw new TemplateError(
          `${where}: the OutputKey ${JSON.stringify(outputKey)} must contain \${${identifier}} or &{${identifier}}, or every copy would have the same name`,
        );
      copies.push([replaceInText(outputKey, identifier, item), substitute(outputValue, identifier, item)]);
    }
  }
  return copies;
}

function collectionOf(argument: unknown, where: string, context: ForEachContext): string[] {
  const strings = (value: unknown): string[] | undefined =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' || typeof item === 'number')
      ? value.map(String)
      : undefined;
  const literal = strings(argument);
  if (literal !== undefined) return literal;
  if (isMapping(argument) && typeof argument['Ref'] === 'string' && Object.keys(argument).length === 1) {
    const name = argument['Ref'];
    // The list a `Ref` of the parameter gives anywhere else in the template.
    const value = Object.hasOwn(context.parameters, name)
      ? parameterRefValue(context.parameterTypes[name] ?? 'String', context.parameters[name] as string)
      : undefined;
    if (Array.isArray(value)) return value;
    throw new TemplateError(`${where}: Fn::ForEach collection Ref ${name} is not a list parameter`);
  }
  if (isMapping(argument) && Object.keys(argument).length === 1 && Array.isArray(argument['Fn::FindInMap'])) {
    const keys = argument['Fn::FindInMap'] as unknown[];
    if (keys.length === 3 && keys.every((key) => typeof key === 'string')) {
      const found = strings(findInMap(context.mappings, keys as [string, string, string], where));
      if (found !== undefined) return found;
      throw new TemplateError(`${where}: Fn::ForEach collection ${JSON.stringify(argument)} is not a list`);
    }
  }
  throw new TemplateError(
    `${where}: Fn::ForEach collection must be a list of strings, a Ref to a list parameter or an Fn::FindInMap of literal keys, got ${JSON.stringify(argument)}`,
  );
}

/** `${id}` → the item, `&{id}` → the item's letters and digits only. */
function replaceInText(text: string, identifier: string, item: string): string {
  const bare = item.replace(/[^A-Za-z0-9]/g, '');
  // Function replacements: a `$&` or `$1` in the item is text, not a replacement pattern.
  return text.replaceAll(`\${${identifier}}`, () => item).replaceAll(`&{${identifier}}`, () => bare);
}

/** The identifier replaced in a copy: `Ref: id`, `${id}` in `Fn::Sub` text, and keys (nested loops name it there). */
function substitute(value: unknown, identifier: string, item: string): unknown {
  if (Array.isArray(value)) return value.map((element) => substitute(element, identifier, item));
  if (!isMapping(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0] === 'Ref' && value['Ref'] === identifier) return item;
  if (keys.length === 1 && keys[0] === 'Fn::Sub') {
    const sub = value['Fn::Sub'];
    if (typeof sub === 'string') {
      // Left without any `${…}`, the Sub is its text: a `Ref` or `Fn::GetAtt` of a looped resource can then name it
      // with `Ref: !Sub Name${Identifier}`, as the transform's documented examples do.
      const replaced = replaceSub(sub, identifier, item);
      return replaced.includes('${') ? { 'Fn::Sub': replaced } : replaced;
    }
    if (Array.isArray(sub) && typeof sub[0] === 'string')
      return { 'Fn::Sub': [replaceSub(sub[0], identifier, item), substitute(sub[1], identifier, item)] };
  }
  const out: Record<string, unknown> = {};
  for (const key of keys)
    Object.defineProperty(out, replaceInText(key, identifier, item), {
      value: substitute(value[key], identifier, item),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

/** `${id}` in `Fn::Sub` text, but not its escaped form `${!id}`, which stays literal. */
function replaceSub(text: string, identifier: string, item: string): string {
  return text.replaceAll(`\${${identifier}}`, () => item);
}
