/**
 * The one way the local services check their options: every problem is collected, then one error names them all,
 * each as `field: value rule` (`port: 70000 must be an integer from 0 to 65535`), so a caller fixes everything in
 * one pass instead of one field per run.
 */

export interface OptionProblems {
  /** Records that `field`, holding `value`, breaks `rule` (a phrase such as 'must be …' or 'is listed twice'). */
  add(field: string, value: unknown, rule: string): void;
  /** Records problems a nested checker already wrote as `field: value rule`. */
  addAll(problems: readonly string[]): void;
  /** Throws `${owner}: invalid options:` with every problem on its own line; returns when there is none. */
  throwIfAny(): void;
}

/** `ErrorClass` lets a service keep its own error type (the template loader's `TemplateError`); TypeError otherwise. */
export function collectOptionProblems(
  owner: string,
  ErrorClass: new (message: string) => Error = TypeError,
): OptionProblems {
  const problems: string[] = [];
  return {
    add: (field, value, rule) => void problems.push(`${field}: ${describeValue(value)} ${rule}`),
    addAll: (more) => void problems.push(...more),
    throwIfAny() {
      if (problems.length > 0) throw new ErrorClass(`${owner}: invalid options:\n  ${problems.join('\n  ')}`);
    },
  };
}

/**
 * Checks the list option `field`: an array whose items `keyName` (read by `keyOf`; undefined skips) tells apart,
 * each item then checked by `check`.
 */
export function checkEachOf<T>(
  problems: OptionProblems,
  field: string,
  list: unknown,
  keyName: string,
  keyOf: (item: T) => unknown,
  check: (item: T, index: number) => void,
): void {
  if (!Array.isArray(list)) {
    problems.add(field, list, 'must be an array');
    return;
  }
  const seen = new Set<unknown>();
  list.forEach((item: T, index) => {
    const key = keyOf(item);
    if (key !== undefined && seen.has(key)) problems.add(`${field}[${index}].${keyName}`, key, 'is listed twice');
    seen.add(key);
    check(item, index);
  });
}

/** The value as JSON where JSON can show it (cut at 200 characters); a function, symbol, bigint or cycle by its kind. */
export function describeValue(value: unknown): string {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
    return `(a ${typeof value})`;
  if (typeof value === 'number') return String(value); // NaN and Infinity, which JSON shows as null
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/** The rule for a listening port; 0 asks the system for a free one. */
export const PORT_RULE = 'must be an integer from 0 to 65535';
export const isPort = (value: unknown): boolean =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 65535;
