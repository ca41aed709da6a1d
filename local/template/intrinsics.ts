import { TemplateError, formatPath, type TemplatePath } from './errors.ts';
import { cidrBlocks } from './cidr.ts';
import { parseSub } from './sub.ts';
import { isMapping } from '../shared/is-mapping.ts';

/** What `Ref: AWS::NoValue` resolves to: the enclosing key or list element is dropped. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');

/** Where intrinsics find their values: parameters, pseudo parameters, resources, conditions. */
export interface ReferenceLookup {
  /** `Ref`: a string (or a list for list parameters), or NO_VALUE for `AWS::NoValue`. */
  ref(name: string, where: string): string | string[] | typeof NO_VALUE;
  getAtt(logicalId: string, attribute: string, where: string): string;
  condition(name: string, where: string): boolean;
  /**
   * SAM's referenceable properties (`MyFunction.Alias`, and `MyFunction.Alias.AliasArn` for an attribute): the
   * resource the transform generated for it and the attribute asked for, or undefined when `dotted` names none.
   */
  samProperty(dotted: string): { logicalId: string; attribute: string | undefined } | undefined;
  /** `Fn::FindInMap`: the value at the three keys of `Mappings` (mappings.ts). */
  findInMap(keys: readonly [string, string, string], where: string): unknown;
  /** Whether `Mappings` has a value at the three keys (`Fn::FindInMap` with a default value). */
  hasInMap(keys: readonly [string, string, string]): boolean;
}

export interface IntrinsicResolver {
  /** A copy of `value` with every intrinsic replaced by its local value (may return NO_VALUE). */
  resolve(value: unknown, path: TemplatePath): unknown;
}

type Handler = (argument: unknown, path: TemplatePath) => unknown;

/** A region name as AWS spells them (`us-east-1`, `us-gov-west-1`, `ap-southeast-4`). */
const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * `Fn::GetAZs`: the Availability Zones the account sees in a region vary by account and region on AWS; locally every
 * region has three, `<region>a` to `<region>c` (local/FEATURES.md, "Intrinsic functions").
 */
const LOCAL_ZONE_LETTERS = ['a', 'b', 'c'];

/** A one-key mapping whose key is `Ref` or `Fn::*` is an intrinsic function call. */
function intrinsicName(value: unknown): string | undefined {
  if (!isMapping(value)) return undefined;
  const keys = Object.keys(value);
  const [key] = keys;
  return keys.length === 1 && key !== undefined && (key === 'Ref' || key.startsWith('Fn::')) ? key : undefined;
}

/** `languageExtensions`: the template declares the `AWS::LanguageExtensions` transform (language-extensions.ts). */
export function createIntrinsicResolver(
  lookup: ReferenceLookup,
  options: { languageExtensions?: boolean } = {},
): IntrinsicResolver {
  const withExtensions = (path: TemplatePath, name: string) => {
    if (options.languageExtensions !== true)
      fail(path, `${name} needs the AWS::LanguageExtensions transform, which the template does not declare`);
  };
  const fail = (path: TemplatePath, message: string): never => {
    throw new TemplateError(`${formatPath(path)}: ${message}`);
  };

  const text = (value: unknown, path: TemplatePath, role: string): string => {
    const resolved = resolve(value, path);
    if (typeof resolved === 'string') return resolved;
    if (typeof resolved === 'number' || typeof resolved === 'boolean') return String(resolved);
    return fail(path, `${role} must resolve to a string, got ${JSON.stringify(resolved) ?? String(resolved)}`);
  };

  const list = (value: unknown, path: TemplatePath, role: string): unknown[] => {
    const resolved = resolve(value, path);
    return Array.isArray(resolved)
      ? resolved
      : fail(path, `${role} must resolve to a list, got ${JSON.stringify(resolved)}`);
  };

  const pair = (argument: unknown, path: TemplatePath, name: string, length: number): unknown[] =>
    Array.isArray(argument) && argument.length === length
      ? argument
      : fail(path, `${name} takes a list of ${length} items, got ${JSON.stringify(argument)}`);

  const handlers: Record<string, Handler> = {
    Ref: (argument, path) => {
      if (typeof argument !== 'string') return fail(path, `Ref takes a name, got ${JSON.stringify(argument)}`);
      // SAM rewrites `Ref: MyFunction.Alias` into a Ref of the alias it generated; `Ref: X.Alias.Arn` it leaves alone.
      const sam = argument.includes('.') ? lookup.samProperty(argument) : undefined;
      const name = sam !== undefined && sam.attribute === undefined ? sam.logicalId : argument;
      return lookup.ref(name, formatPath(path));
    },

    'Fn::GetAtt': (argument, path) => {
      let logicalId: string;
      let attribute: string;
      if (typeof argument === 'string') {
        const dot = argument.indexOf('.');
        if (dot < 1) fail(path, `Fn::GetAtt ${JSON.stringify(argument)} is not Resource.Attribute`);
        [logicalId, attribute] = [argument.slice(0, dot), argument.slice(dot + 1)];
      } else {
        const [name, raw] = pair(argument, path, 'Fn::GetAtt', 2);
        if (typeof name !== 'string') fail(path, `Fn::GetAtt resource must be a name, got ${JSON.stringify(name)}`);
        [logicalId, attribute] = [name as string, text(raw, [...path, 1], 'Fn::GetAtt attribute')];
      }
      // SAM reads both spellings as one dotted name: [MyFunction.Alias, AliasArn] and MyFunction.Alias.AliasArn.
      const sam = lookup.samProperty(`${logicalId}.${attribute}`);
      if (sam !== undefined && sam.attribute === undefined) {
        fail(
          path,
          `Fn::GetAtt ${logicalId}.${attribute} names ${sam.logicalId} but no attribute of it (Ref it instead)`,
        );
      }
      return sam === undefined
        ? lookup.getAtt(logicalId, attribute, formatPath(path))
        : lookup.getAtt(sam.logicalId, sam.attribute as string, formatPath(path));
    },

    'Fn::Sub': (argument, path) => {
      const [template, variables] = typeof argument === 'string' ? [argument, {}] : pair(argument, path, 'Fn::Sub', 2);
      if (typeof template !== 'string')
        fail(path, `Fn::Sub template must be a string, got ${JSON.stringify(template)}`);
      if (!isMapping(variables)) fail(path, `Fn::Sub variables must be a mapping, got ${JSON.stringify(variables)}`);
      const where = formatPath(path);
      const own = new Map<string, string>();
      for (const [name, value] of Object.entries(variables as Record<string, unknown>)) {
        own.set(name, text(value, [...path, 1, name], `Fn::Sub variable ${name}`));
      }
      return parseSub(template as string, where)
        .map((part) => ('text' in part ? part.text : subVariable(part.variable, own, where)))
        .join('');
    },

    'Fn::Join': (argument, path) => {
      const [separator, items] = pair(argument, path, 'Fn::Join', 2);
      if (typeof separator !== 'string')
        fail(path, `Fn::Join separator must be a string, got ${JSON.stringify(separator)}`);
      return list(items, [...path, 1], 'Fn::Join values')
        .map((item, index) => text(item, [...path, 1, index], 'Fn::Join value'))
        .join(separator as string);
    },

    'Fn::Select': (argument, path) => {
      const [index, items] = pair(argument, path, 'Fn::Select', 2);
      const position = Number(text(index, [...path, 0], 'Fn::Select index'));
      const values = list(items, [...path, 1], 'Fn::Select values');
      if (!Number.isInteger(position) || position < 0 || position >= values.length) {
        fail(path, `Fn::Select index ${JSON.stringify(index)} is outside the list of ${values.length}`);
      }
      return values[position];
    },

    'Fn::Split': (argument, path) => {
      const [delimiter, source] = pair(argument, path, 'Fn::Split', 2);
      if (typeof delimiter !== 'string' || delimiter === '')
        fail(path, `Fn::Split delimiter must be a non-empty string`);
      return text(source, [...path, 1], 'Fn::Split source').split(delimiter as string);
    },

    'Fn::FindInMap': (argument, path) => {
      if (Array.isArray(argument) && argument.length === 4) {
        withExtensions(path, 'Fn::FindInMap with a default value');
        const option = argument[3];
        if (!isMapping(option) || Object.keys(option).join() !== 'DefaultValue')
          fail(path, `Fn::FindInMap's fourth item must be {DefaultValue: value}, got ${JSON.stringify(option)}`);
        const keys = argument.slice(0, 3).map((key, index) => text(key, [...path, index], 'Fn::FindInMap key'));
        return lookup.hasInMap(keys as [string, string, string])
          ? lookup.findInMap(keys as [string, string, string], formatPath(path))
          : resolve((option as Record<string, unknown>)['DefaultValue'], [...path, 3, 'DefaultValue']);
      }
      const keys = pair(argument, path, 'Fn::FindInMap', 3).map((key, index) =>
        text(key, [...path, index], 'Fn::FindInMap key'),
      ) as [string, string, string];
      return lookup.findInMap(keys, formatPath(path));
    },

    'Fn::Length': (argument, path) => {
      withExtensions(path, 'Fn::Length');
      return list(argument, path, 'Fn::Length argument').length;
    },

    'Fn::ToJsonString': (argument, path) => {
      withExtensions(path, 'Fn::ToJsonString');
      const value = resolve(argument, path);
      if (!isMapping(value) && !Array.isArray(value))
        fail(path, `Fn::ToJsonString takes a mapping or a list, got ${JSON.stringify(value)}`);
      return JSON.stringify(value);
    },

    'Fn::Base64': (argument, path) => Buffer.from(text(argument, path, 'Fn::Base64 value'), 'utf8').toString('base64'),

    'Fn::Cidr': (argument, path) => {
      const [block, count, bits] = pair(argument, path, 'Fn::Cidr', 3);
      const number = (value: unknown, index: number, role: string) => {
        const given = text(value, [...path, index], role);
        return /^\d+$/.test(given)
          ? Number(given)
          : fail(path, `${role} must be a whole number, got ${JSON.stringify(given)}`);
      };
      return cidrBlocks(
        text(block, [...path, 0], 'Fn::Cidr ipBlock'),
        number(count, 1, 'Fn::Cidr count'),
        number(bits, 2, 'Fn::Cidr cidrBits'),
        formatPath(path),
      );
    },

    'Fn::GetAZs': (argument, path) => {
      const given = text(argument, path, 'Fn::GetAZs region');
      const region = given === '' ? lookup.ref('AWS::Region', formatPath(path)) : given;
      if (typeof region !== 'string' || !REGION_NAME.test(region))
        fail(
          path,
          `Fn::GetAZs region must be '' (the stack's) or a region name such as eu-west-1, got ${JSON.stringify(region)}`,
        );
      return LOCAL_ZONE_LETTERS.map((letter) => `${region as string}${letter}`);
    },

    'Fn::ImportValue': (_argument, path) =>
      fail(path, "other stacks' exports do not exist locally; pass the value in a parameter instead"),

    'Fn::If': (argument, path) => {
      const [condition, whenTrue, whenFalse] = pair(argument, path, 'Fn::If', 3);
      if (typeof condition !== 'string')
        fail(path, `Fn::If condition must be a condition name, got ${JSON.stringify(condition)}`);
      const chosen = lookup.condition(condition as string, formatPath(path)) ? 1 : 2;
      return resolve(chosen === 1 ? whenTrue : whenFalse, [...path, chosen]);
    },
  };

  function subVariable(name: string, own: Map<string, string>, where: string): string {
    const mine = own.get(name);
    if (mine !== undefined) return mine;
    const dot = name.indexOf('.');
    let refName = name;
    if (dot > 0) {
      // SAM's `${MyFunction.Alias}` is a Ref of the alias it generated, `${MyFunction.Alias.AliasArn}` a GetAtt of it;
      // any other `${Res.Attr}` is a GetAtt split at the first dot, like CloudFormation. `${AWS::Region}` has no dot.
      const sam = lookup.samProperty(name);
      if (sam === undefined) return lookup.getAtt(name.slice(0, dot), name.slice(dot + 1), where);
      if (sam.attribute !== undefined) return lookup.getAtt(sam.logicalId, sam.attribute, where);
      refName = sam.logicalId;
    }
    const value = lookup.ref(refName, where);
    if (typeof value !== 'string')
      throw new TemplateError(`${where}: Fn::Sub variable \${${name}} is not a single string`);
    return value;
  }

  function resolve(value: unknown, path: TemplatePath): unknown {
    if (Array.isArray(value)) {
      return value.map((item, index) => resolve(item, [...path, index])).filter((item) => item !== NO_VALUE);
    }
    if (!isMapping(value)) return value;
    const name = intrinsicName(value);
    if (name !== undefined) {
      const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined;
      if (handler === undefined) throw new TemplateError(`unsupported intrinsic ${name} in ${formatPath(path)}`);
      return handler(value[name], [...path, name]);
    }
    const entries = Object.entries(value)
      .map(([key, item]) => [key, resolve(item, [...path, key])] as const)
      .filter(([, item]) => item !== NO_VALUE);
    return Object.fromEntries(entries);
  }

  return { resolve };
}
