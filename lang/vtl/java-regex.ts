import { JavaMethodError } from './errors.ts';

/**
 * Translates a java.util.regex pattern into an equivalent JavaScript RegExp (non-unicode
 * mode, whose identity escapes like `\'` behave like Java's). Constructs whose meaning
 * differs are rewritten; constructs JavaScript cannot express throw a JavaMethodError
 * rather than silently matching something else.
 */
// Java's \s is ASCII-only; JavaScript's also matches Unicode spaces.
const JAVA_SPACE = ' \\t\\n\\x0B\\f\\r';
// Without MULTILINE, Java's `$` and `\Z` also match before a final line terminator.
const JAVA_END = '(?=(?:\\r\\n|[\\n\\r\\u0085\\u2028\\u2029])?(?![\\s\\S]))';
const JS_ESCAPES = new Set('dDwWbBnrtfcxuk123456789');
const FLAG_MAP: Readonly<Record<string, string>> = { i: 'i', m: 'm', s: 's', u: '', d: '' };

function unsupported(pattern: string, construct: string): never {
  throw new JavaMethodError(`unsupported Java regex construct ${construct} in pattern "${pattern}"`);
}

function escapeLiteral(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}

function leadingFlags(pattern: string): { flags: string; rest: string } {
  const m = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  if (!m) return { flags: '', rest: pattern };
  let flags = '';
  for (const f of m[1] as string) {
    const js = FLAG_MAP[f];
    if (js === undefined) unsupported(pattern, `(?${f})`);
    if (!flags.includes(js)) flags += js;
  }
  return { flags, rest: pattern.slice(m[0].length) };
}

function translateEscape(pattern: string, next: string, inClass: boolean, multiline: boolean): string {
  if (next === 's') return inClass ? JAVA_SPACE : `[${JAVA_SPACE}]`;
  if (next === 'S' && !inClass) return `[^${JAVA_SPACE}]`;
  if (next === 'a') return '\\x07';
  if (next === 'e') return '\\x1B';
  if (!inClass && next === 'A') return '(?<![\\s\\S])';
  if (!inClass && next === 'z') return '(?![\\s\\S])';
  if (!inClass && next === 'Z') return multiline ? '(?![\\s\\S])' : JAVA_END;
  if (next === 'x' && pattern.includes('\\x{')) unsupported(pattern, '\\x{...}');
  if (JS_ESCAPES.has(next) || next === 'S') return `\\${next}`;
  if (/[a-zA-Z0]/.test(next)) unsupported(pattern, `\\${next}`);
  return `\\${next}`;
}

/** Returns the JavaScript source and flags (without `g`) for a Java regex. */
function translateJavaRegex(pattern: string): { source: string; flags: string } {
  const { flags, rest: p } = leadingFlags(pattern);
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < p.length) {
    const c = p[i] as string;
    const next = p[i + 1];
    if (c === '\\') {
      if (next === undefined)
        throw new JavaMethodError(
          `Unexpected internal error near index ${pattern.length}: trailing backslash in pattern "${pattern}"`,
        );
      if (next === 'Q') {
        const end = p.indexOf('\\E', i + 2);
        out += escapeLiteral(p.slice(i + 2, end === -1 ? p.length : end));
        i = end === -1 ? p.length : end + 2;
        continue;
      }
      out += translateEscape(pattern, next, inClass, multiline);
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === '[') unsupported(pattern, 'nested character class');
      if (c === '&' && next === '&') unsupported(pattern, '&& (class intersection)');
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += '[';
      i++;
      if (p[i] === '^') {
        out += '^';
        i++;
      }
      // Java reads a `]` right after `[` as a literal; JavaScript would read an empty class.
      if (p[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && next === '?') {
      const kind = p[i + 2];
      const isLookbehind = kind === '<' && (p[i + 3] === '=' || p[i + 3] === '!');
      const isNamed = kind === '<' && !isLookbehind;
      if (kind !== ':' && kind !== '=' && kind !== '!' && !isLookbehind && !isNamed)
        unsupported(pattern, `(?${kind ?? ''}`);
    }
    if (next === '+' && ('*+?'.includes(c) || (c === '}' && /\{\d+(?:,\d*)?\}$/.test(p.slice(0, i + 1))))) {
      unsupported(pattern, `${c}+ (possessive quantifier)`);
    }
    out += c === '$' && !multiline ? JAVA_END : c;
    i++;
  }
  if (inClass) throw new JavaMethodError(`Unclosed character class in pattern "${pattern}"`);
  return { source: out, flags };
}

/** Compiles a Java regex as a global JavaScript RegExp; a syntax error is a JavaMethodError. */
export function compileJavaRegex(pattern: string): RegExp {
  const { source, flags } = translateJavaRegex(pattern);
  try {
    return new RegExp(source, `${flags}g`);
  } catch (e) {
    throw new JavaMethodError(`invalid regex "${pattern}": ${(e as Error).message}`, { cause: e });
  }
}

/** Every match, left to right, stepping one code unit past empty matches (like Matcher.find). */
export function* findAll(re: RegExp, s: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  while (re.lastIndex <= s.length) {
    const m = re.exec(s);
    if (m === null) return;
    yield m;
    if (m[0] === '') re.lastIndex = m.index + 1;
  }
}
