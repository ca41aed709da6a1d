import type { z } from 'zod';
import { escapeRiskyCharacters } from '../../cfn/yaml-string.ts';

/** Every problem in a config, collected; the message lists one per line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(
      `${source}: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** `routes.sync_sfn.type: must be one of "EXPRESS", "STANDARD" (got "FAST")`; one line per problem. */
export function describeIssue(issue: z.core.$ZodIssue, root: unknown, kinds: Record<string, string[]>): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => line([...issue.path, key], 'unknown field', valueAt(root, [...issue.path, key])));
  }
  if (issue.code === 'invalid_key') {
    // A record's key broke its rule: the key itself is the value to show, once per rule broken.
    return issue.issues.map((inner) => line(issue.path, inner.message, issue.path.at(-1)));
  }
  const got =
    issue.code === 'custom' && issue.params && 'got' in issue.params ? issue.params['got'] : valueAt(root, issue.path);
  return [line(issue.path, ruleOf(issue, kinds), got)];
}

function line(path: readonly PropertyKey[], rule: string, value: unknown): string {
  return problemLine(path.map(String).join('.') || '(root)', rule, value);
}

/** One problem as every config problem reads: `field: rule (got value)`, the value shown safely. */
export function problemLine(field: string, rule: string, value: unknown): string {
  // Rules may quote user input (a state name, a parser's excerpt of a file): escaped like values.
  return `${field}: ${escapeRiskyCharacters(rule).replace(/\n/g, '\\n')} (got ${show(value)})`;
}

/** A name from user input inside a rule (a state name, say): quoted, with risky characters escaped. */
export function quoted(text: string): string {
  return escapeRiskyCharacters(JSON.stringify(text));
}

function ruleOf(issue: z.core.$ZodIssue, kinds: Record<string, string[]>): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_type':
      // A schema's own message (a required field saying what it is for) wins over the generic one.
      if (!issue.message.startsWith('Invalid input')) return issue.message;
      return `must be ${issue.expected === 'object' ? 'an object' : issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}`;
    case 'invalid_union':
      return 'discriminator' in issue && issue.discriminator
        ? `must be one of ${(kinds[`${listHolding(issue.path)}.${String(issue.discriminator)}`] ?? kinds[String(issue.discriminator)] ?? []).map((k) => JSON.stringify(k)).join(', ')}`
        : issue.message;
    default:
      return issue.message;
  }
}

/** The name of the field whose list holds the union element: `identitySources` in `a.identitySources.0.from`. */
function listHolding(path: readonly PropertyKey[]): string {
  const names = path.filter((key) => typeof key === 'string');
  return String(names.at(-2) ?? '');
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  // JSON escapes control characters; line separators, C1 and bidi controls are escaped too, so a
  // hostile value cannot break or reorder the message in a terminal.
  const text = escapeRiskyCharacters(JSON.stringify(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
