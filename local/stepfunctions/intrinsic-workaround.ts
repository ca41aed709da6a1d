/**
 * aws-local-stepfunctions 3.0.0 strips EVERY backslash from the string result of an intrinsic
 * (`result.replaceAll("\\", "")` in BaseIntrinsicFunction), so `States.JsonToString` of text
 * containing `"` yields invalid JSON and `States.Format` drops backslashes from values.
 * For the Task states we serve, `States.Format` and `States.JsonToString` calls in Parameters whose
 * arguments are literals or paths are deferred: the library only resolves their path arguments
 * (plain JSONPath, not affected), and the Task handler evaluates the function. Nested calls and other
 * functions stay with the library (its bug included).
 */
import { TaskError } from './task-error.ts';
import { allStates, type AslStates } from './definition-walk.ts';

const MARKER = '@@local-stepfunctions-deferred-intrinsic@@';
const DEFERRABLE = /^\s*(States\.Format|States\.JsonToString)\((.*)\)\s*$/s;

/** Splits `'a, b', $.x, 3` at top-level commas; undefined when an argument is itself a call. */
function splitArguments(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted && char === '\\') {
      current += char + (text[i + 1] ?? '');
      i += 1;
      continue;
    }
    if (char === "'") quoted = !quoted;
    if (!quoted && char === '(') return undefined;
    if (!quoted && char === ',') {
      parts.push(current.trim());
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current.trim());
  return quoted ? undefined : parts.filter((part, index) => part !== '' || index > 0);
}

/**
 * One argument as a payload-template member the library resolves: literal value, or `Value.$` path.
 * A States.Format template stays escaped (format() needs to tell `\\{` from `{`); other literals are unescaped.
 */
function argumentTemplate(argument: string, keepEscapes: boolean): Record<string, unknown> | undefined {
  if (argument.startsWith("'") && argument.endsWith("'") && argument.length >= 2) {
    const literal = argument.slice(1, -1);
    return { Value: keepEscapes ? literal : literal.replace(/\\(.)/gs, '$1') };
  }
  if (argument.startsWith('$')) return { 'Value.$': argument };
  try {
    return { Value: JSON.parse(argument) as unknown };
  } catch {
    return undefined;
  }
}

/** Rewrites deferrable intrinsic calls in a Parameters template (returns a new template). */
function deferIntrinsics(template: unknown): unknown {
  if (Array.isArray(template)) return template.map(deferIntrinsics);
  if (template === null || typeof template !== 'object') return template;
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) => {
      const call = key.endsWith('.$') && typeof value === 'string' ? DEFERRABLE.exec(value) : null;
      const args = call
        ? splitArguments(call[2] ?? '')?.map((argument, index) => argumentTemplate(argument, index === 0))
        : undefined;
      if (!call || !args || args.some((arg) => arg === undefined)) return [key, deferIntrinsics(value)];
      return [key.slice(0, -2), { [MARKER]: call[1], Arguments: args }];
    }),
  );
}

/** `\'`, `\{`, `\}` and `\\` in a States.Format template stand for the character itself. */
function format(template: string, values: unknown[]): string {
  let output = '';
  let used = 0;
  for (let i = 0; i < template.length; i += 1) {
    const char = template[i]!;
    if (char === '\\' && i + 1 < template.length) {
      output += template[i + 1];
      i += 1;
      continue;
    }
    if (char === '{' && template[i + 1] === '}') {
      if (used >= values.length)
        throw new TaskError(
          'States.Runtime',
          `States.Format: more {} placeholders than arguments in '${template}'`,
          false,
        );
      const value = values[used++];
      if (value !== null && typeof value === 'object')
        throw new TaskError(
          'States.Runtime',
          `States.Format: argument ${used} must be a string, number, boolean or null`,
          false,
        );
      output += typeof value === 'string' ? value : JSON.stringify(value);
      i += 1;
      continue;
    }
    output += char;
  }
  if (used !== values.length)
    throw new TaskError(
      'States.Runtime',
      `States.Format: ${values.length} arguments for ${used} {} placeholders in '${template}'`,
      false,
    );
  return output;
}

function evaluate(name: unknown, values: unknown[]): unknown {
  if (name === 'States.JsonToString' && values.length === 1) return JSON.stringify(values[0]);
  const [template, ...rest] = values;
  if (name === 'States.Format' && typeof template === 'string') return format(template, rest);
  throw new TaskError('States.Runtime', `${String(name)}: invalid arguments ${JSON.stringify(values)}`, false);
}

/** Evaluates the calls `deferIntrinsics` left in the resolved Parameters. */
export function resolveDeferredIntrinsics(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveDeferredIntrinsics);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (MARKER in record && Array.isArray(record['Arguments'])) {
    return evaluate(
      record[MARKER],
      (record['Arguments'] as { Value?: unknown }[]).map((arg) => arg.Value ?? null),
    );
  }
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, resolveDeferredIntrinsics(item)]));
}

/** A copy of the definition whose Task Parameters defer what they can (see the top of this file). */
export function withDeferredTaskIntrinsics<T extends AslStates>(definition: T): T {
  const copy = structuredClone(definition);
  for (const { state } of allStates(copy)) {
    if (state.Type === 'Task' && 'Parameters' in state) state['Parameters'] = deferIntrinsics(state['Parameters']);
  }
  return copy;
}
