import { TemplateError, formatPath, type TemplatePath } from './errors.ts';
import type { IntrinsicResolver } from './intrinsics.ts';

/**
 * The template's `Conditions`, evaluated on demand and remembered per load. Supports
 * Fn::Equals, Fn::And, Fn::Or, Fn::Not and `Condition` references; operands of Fn::Equals
 * go through the normal intrinsic resolver (so `Ref` of a parameter works).
 */
export function createConditionEvaluator(
  declarations: Record<string, unknown>,
  resolver: () => IntrinsicResolver,
): (name: string, where: string) => boolean {
  const results = new Map<string, boolean>();
  const evaluating = new Set<string>();

  function byName(name: string, where: string): boolean {
    const known = results.get(name);
    if (known !== undefined) return known;
    if (!Object.hasOwn(declarations, name))
      throw new TemplateError(`${where}: no condition named ${name} in Conditions`);
    if (evaluating.has(name))
      throw new TemplateError(`Conditions.${name}: refers to itself through ${[...evaluating].join(' -> ')}`);
    evaluating.add(name);
    const result = evaluate(declarations[name], ['Conditions', name]);
    evaluating.delete(name);
    results.set(name, result);
    return result;
  }

  function evaluate(expression: unknown, path: TemplatePath): boolean {
    const fail = (message: string): never => {
      throw new TemplateError(`${formatPath(path)}: ${message}`);
    };
    if (
      typeof expression !== 'object' ||
      expression === null ||
      Array.isArray(expression) ||
      Object.keys(expression).length !== 1
    ) {
      return fail(`a condition must be one Fn::Equals/And/Or/Not or Condition, got ${JSON.stringify(expression)}`);
    }
    const [[name, argument]] = Object.entries(expression) as [[string, unknown]];
    const operands = (count?: number): unknown[] =>
      Array.isArray(argument) && (count === undefined ? argument.length >= 1 : argument.length === count)
        ? argument
        : fail(`${name} takes ${count ?? 'one or more'} operands, got ${JSON.stringify(argument)}`);
    switch (name) {
      case 'Condition':
        return typeof argument === 'string' ? byName(argument, formatPath(path)) : fail(`Condition takes a name`);
      case 'Fn::Equals': {
        // CloudFormation compares the operands as text: 1 equals "1".
        const [left, right] = operands(2).map((operand, index) =>
          asText(resolver().resolve(operand, [...path, name, index])),
        );
        return left === right;
      }
      case 'Fn::Not':
        return !evaluate(operands(1)[0], [...path, name, 0]);
      case 'Fn::And':
        return operands().every((operand, index) => evaluate(operand, [...path, name, index]));
      case 'Fn::Or':
        return operands().some((operand, index) => evaluate(operand, [...path, name, index]));
      default:
        throw new TemplateError(`unsupported intrinsic ${name} in ${formatPath(path)}`);
    }
  }

  return byName;
}

const asText = (value: unknown): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
