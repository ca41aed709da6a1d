import { JavaMethodError } from './errors.ts';
import { type JavaRegexCache, matches, replaceAll, replaceFirst, split } from './java-regex-ops.ts';

/**
 * java.lang.String methods for template strings. velocityjs would otherwise call the
 * JavaScript methods of the same name (a literal `replaceAll`, no `length()`), which
 * silently changes results. A method that Java's String does not have, or a call
 * with argument types Java would not accept, returns undefined: Velocity then renders
 * the reference as undefined, as it does when it finds no matching method.
 */
type Arg = 's' | 'i' | 'o'; // String (null throws), int, any Object
type Signature = { args: Arg[]; optional?: Arg[]; run: (s: string, a: unknown[], regexes?: JavaRegexCache) => unknown };

const str = (a: unknown[], i: number): string => a[i] as string;
const int = (a: unknown[], i: number): number => a[i] as number;

function checkIndex(ok: boolean, message: string): void {
  if (!ok) throw new JavaMethodError(`StringIndexOutOfBoundsException: ${message}`);
}

// Java's trim removes every code unit <= U+0020 at both ends, and nothing else.
// biome-ignore lint/suspicious/noControlCharactersInRegex: Java's trim removes U+0000 to U+0020.
const javaTrim = (s: string): string => s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');

const METHODS: Readonly<Record<string, Signature>> = {
  length: { args: [], run: (s) => s.length },
  isEmpty: { args: [], run: (s) => s.length === 0 },
  toString: { args: [], run: (s: string) => s },
  trim: { args: [], run: javaTrim },
  toLowerCase: { args: [], run: (s) => s.toLowerCase() },
  toUpperCase: { args: [], run: (s) => s.toUpperCase() },
  equals: { args: ['o'], run: (s, a) => a[0] === s },
  equalsIgnoreCase: {
    args: ['o'],
    run: (s, a) =>
      typeof a[0] === 'string' &&
      a[0].length === s.length &&
      a[0].toUpperCase().toLowerCase() === s.toUpperCase().toLowerCase(),
  },
  contains: { args: ['s'], run: (s, a) => s.includes(str(a, 0)) },
  startsWith: {
    args: ['s'],
    optional: ['i'],
    run: (s, a) => (a.length > 1 && int(a, 1) < 0 ? false : s.startsWith(str(a, 0), (a[1] as number | undefined) ?? 0)),
  },
  endsWith: { args: ['s'], run: (s, a) => s.endsWith(str(a, 0)) },
  indexOf: {
    args: ['s'],
    optional: ['i'],
    run: (s, a) => s.indexOf(str(a, 0), Math.max(0, (a[1] as number | undefined) ?? 0)),
  },
  lastIndexOf: {
    args: ['s'],
    optional: ['i'],
    run: (s, a) =>
      a.length > 1 && int(a, 1) < 0 ? -1 : s.lastIndexOf(str(a, 0), (a[1] as number | undefined) ?? Infinity),
  },
  concat: { args: ['s'], run: (s, a) => s + str(a, 0) },
  // replace(CharSequence, CharSequence) is literal; replaceAll on a string pattern with a
  // function replacement is literal on both sides and inserts between characters for ''.
  replace: { args: ['s', 's'], run: (s, a) => s.replaceAll(str(a, 0), () => str(a, 1)) },
  replaceAll: { args: ['s', 's'], run: (s, a, regexes) => replaceAll(s, str(a, 0), str(a, 1), regexes) },
  replaceFirst: { args: ['s', 's'], run: (s, a, regexes) => replaceFirst(s, str(a, 0), str(a, 1), regexes) },
  matches: { args: ['s'], run: (s, a, regexes) => matches(s, str(a, 0), regexes) },
  split: {
    args: ['s'],
    optional: ['i'],
    run: (s, a, regexes) => split(s, str(a, 0), (a[1] as number | undefined) ?? 0, regexes),
  },
  charAt: {
    args: ['i'],
    run: (s, a) => {
      checkIndex(int(a, 0) >= 0 && int(a, 0) < s.length, `index ${int(a, 0)}, length ${s.length}`);
      return s[int(a, 0)];
    },
  },
  substring: {
    args: ['i'],
    optional: ['i'],
    run: (s, a) => {
      const begin = int(a, 0);
      const end = a.length > 1 ? int(a, 1) : s.length;
      checkIndex(begin >= 0 && begin <= end && end <= s.length, `begin ${begin}, end ${end}, length ${s.length}`);
      return s.slice(begin, end);
    },
  },
};

function accepts(kind: Arg, value: unknown, method: string): boolean {
  if (kind === 'o') return true;
  if (kind === 'i') return Number.isInteger(value);
  if (value === null || value === undefined)
    throw new JavaMethodError(`NullPointerException: null argument to String.${method}`);
  return typeof value === 'string';
}

const NO_OPTIONAL_ARGS: readonly Arg[] = [];

/** Calls a Java String method; undefined when Java's String has no such overload. `regexes` caches compiled patterns. */
export function callStringMethod(s: string, method: string, args: unknown[], regexes?: JavaRegexCache): unknown {
  const sig = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (sig === undefined) return undefined;
  const optional = sig.optional ?? NO_OPTIONAL_ARGS;
  if (args.length < sig.args.length || args.length > sig.args.length + optional.length) return undefined;
  for (let i = 0; i < args.length; i += 1) {
    const kind = i < sig.args.length ? sig.args[i] : optional[i - sig.args.length];
    if (!accepts(kind as Arg, args[i], method)) return undefined;
  }
  return sig.run(s, args, regexes);
}

/** Bean-style property access (`$s.empty` calls isEmpty(), `$s.bytes` would call getBytes()). */
export function getStringProperty(s: string, property: string): unknown {
  const cap = property.charAt(0).toUpperCase() + property.slice(1);
  const getter = callStringMethod(s, `get${cap}`, []);
  return getter !== undefined ? getter : callStringMethod(s, `is${cap}`, []);
}
