import { TemplateError } from './errors.ts';

/** Parameter declaration as read from the template (before any typing is trusted). */
type Declaration = Record<string, unknown>;

const SUPPORTED_TYPES = new Set(['String', 'Number', 'CommaDelimitedList', 'List<Number>']);

/**
 * Effective parameter values: the override if given, else the Default, each checked against
 * the declaration's constraints the way CloudFormation checks them at deploy time.
 */
export function resolveParameters(
  declarations: Record<string, unknown>,
  overrides: Record<string, string>,
  secretValue?: (name: string) => string,
): Record<string, string> {
  for (const name of Object.keys(overrides)) {
    if (!Object.hasOwn(declarations, name)) {
      const known = Object.keys(declarations);
      throw new TemplateError(
        `parameterOverrides.${name}: the template declares no parameter ${name} (declared: ${known.length > 0 ? known.join(', ') : 'none'})`,
      );
    }
  }
  const values: Record<string, string> = {};
  for (const [name, raw] of Object.entries(declarations)) {
    const declaration = asDeclaration(name, raw);
    const override = overrides[name];
    if (override !== undefined && typeof override !== 'string') {
      throw new TemplateError(`parameterOverrides.${name}: must be a string, got ${JSON.stringify(override)}`);
    }
    // A NoEcho parameter without a Default is a secret the deployer chooses: locally, `secretValue` makes one up.
    const madeUp =
      override === undefined &&
      declaration['Default'] === undefined &&
      declaration['NoEcho'] === true &&
      secretValue !== undefined;
    const value = override ?? (madeUp ? secretValue(name) : defaultOf(name, declaration));
    checkConstraints(
      name,
      value,
      declaration,
      override !== undefined ? 'override' : madeUp ? 'made-up secret' : 'Default',
    );
    values[name] = value;
  }
  return values;
}

/** `Ref` of a parameter: a list for list types, otherwise the text. */
export function parameterRefValue(type: string, value: string): string | string[] {
  if (type === 'CommaDelimitedList' || type === 'List<Number>') return value === '' ? [] : value.split(',');
  return value;
}

function asDeclaration(name: string, raw: unknown): Declaration {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new TemplateError(`Parameters.${name}: must be a mapping, got ${JSON.stringify(raw)}`);
  }
  const declaration = raw as Declaration;
  const type = declaration['Type'];
  if (typeof type !== 'string' || !(SUPPORTED_TYPES.has(type) || isPlainAwsType(type))) {
    throw new TemplateError(
      `Parameters.${name}.Type: ${JSON.stringify(type)} is not supported locally (supported: ${[...SUPPORTED_TYPES].join(', ')}, AWS::*::* names)`,
    );
  }
  return declaration;
}

/** AWS-specific types such as `AWS::EC2::KeyPair::KeyName` are plain strings; SSM ones need a lookup. */
function isPlainAwsType(type: string): boolean {
  return type.startsWith('AWS::') && !type.startsWith('AWS::SSM::');
}

function defaultOf(name: string, declaration: Declaration): string {
  const fallback = declaration['Default'];
  if (fallback === undefined) {
    throw new TemplateError(`Parameters.${name}: no Default and no value in parameterOverrides`);
  }
  if (typeof fallback === 'string') return fallback;
  if (typeof fallback === 'number' || typeof fallback === 'boolean') return String(fallback);
  throw new TemplateError(`Parameters.${name}.Default: must be a string, got ${JSON.stringify(fallback)}`);
}

function checkConstraints(name: string, value: string, declaration: Declaration, origin: string): void {
  const fail = (rule: string): never => {
    const hint =
      typeof declaration['ConstraintDescription'] === 'string' ? ` (${declaration['ConstraintDescription']})` : '';
    // A NoEcho value is a secret: CloudFormation never shows it, nor does this message.
    const shown = declaration['NoEcho'] === true ? '(NoEcho, not shown)' : JSON.stringify(value);
    throw new TemplateError(`Parameters.${name}: ${origin} value ${shown} ${rule}${hint}`);
  };
  const pattern = declaration['AllowedPattern'];
  // CloudFormation matches the whole value (Java `String.matches`), hence the anchors.
  if (typeof pattern === 'string' && !compilePattern(name, pattern).test(value))
    fail(`does not match AllowedPattern ${pattern}`);
  const allowed = declaration['AllowedValues'];
  if (Array.isArray(allowed) && !allowed.map(String).includes(value))
    fail(`is not one of AllowedValues ${JSON.stringify(allowed)}`);
  const minLength = declaration['MinLength'];
  if (typeof minLength === 'number' && value.length < minLength) fail(`is shorter than MinLength ${minLength}`);
  const maxLength = declaration['MaxLength'];
  if (typeof maxLength === 'number' && value.length > maxLength) fail(`is longer than MaxLength ${maxLength}`);
  if (declaration['Type'] === 'Number') {
    const number = Number(value);
    if (value.trim() === '' || !Number.isFinite(number)) fail('is not a Number');
    const min = declaration['MinValue'];
    if (min !== undefined && number < Number(min)) fail(`is below MinValue ${String(min)}`);
    const max = declaration['MaxValue'];
    if (max !== undefined && number > Number(max)) fail(`is above MaxValue ${String(max)}`);
  }
}

function compilePattern(name: string, pattern: string): RegExp {
  try {
    return new RegExp(`^(?:${pattern})$`);
  } catch (error) {
    throw new TemplateError(
      `Parameters.${name}.AllowedPattern: ${JSON.stringify(pattern)} is not a valid regular expression`,
      { cause: error },
    );
  }
}
