/**
 * How a string is written so that YAML 1.1 readers (PyYAML: cfn-lint, the SAM CLI) and YAML 1.2
 * readers (the `yaml` library: the generator and the local stack) read the same string back.
 *
 * YAML 1.1 counts NEL (U+0085), LS (U+2028) and PS (U+2029) as line breaks, and PyYAML refuses
 * most control characters, DEL, the C1 range, U+FFFE/U+FFFF and lone surrogates anywhere in a
 * file; YAML 1.2 reads the first three as ordinary characters. Written raw (in a plain, quoted or
 * block scalar) they would give the deployed stack other strings, keys or variables than the
 * tested one. Such strings, and strings with a tab or a carriage return (whose folding and
 * line-break normalisation also differ), are written double-quoted with every such character
 * escaped: `\uXXXX` and `\t \r \n \" \\` mean the same in both versions. Invisible format
 * characters (zero-width, bidi overrides, BOM) are escaped too, so a reviewer sees them.
 * Every other string keeps the `yaml` library's form (plain, quoted or block literal).
 */
import type { Scalar, ScalarTag } from 'yaml';

/** Single UTF-16 code units; a surrogate pair is an ordinary character, a lone half is refused (below). */
const ESCAPED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: characters YAML must escape, control characters first.
  /[\x00-\x09\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufffe\uffff]/;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r', '"': '\\"', '\\': '\\\\' };

/**
 * Plain scalars that only YAML 1.1 resolves to a type the `yaml` library's 1.1 schema does not
 * quote: PyYAML reads a plain `=` as the `value` type and `<<` as a merge key, and refuses both as values.
 */
const YAML_1_1_TYPED = new Set(['=', '<<']);

/**
 * Spaces and line breaks only, with both: the `yaml` library writes such text as a literal block whose lines hold
 * only spaces, which every reader takes for empty lines (`" \n"` would read back as `"\n"`).
 */
const BLANK_LINES_WITH_SPACES = /^(?=[ \n]*\n)(?=[ \n]* )[ \n]+$/;

/** True when the string must be written double-quoted with escapes. */
export function needsEscapedForm(text: string): boolean {
  return (
    ESCAPED.test(text) || LONE_SURROGATE.test(text) || YAML_1_1_TYPED.has(text) || BLANK_LINES_WITH_SPACES.test(text)
  );
}

/** A double-quoted YAML scalar on one line, every risky character escaped. */
export function escapedDoubleQuoted(text: string): string {
  if (LONE_SURROGATE.test(text)) {
    // UTF-8 cannot encode one, and libyaml (cfn-lint) refuses its escape: no form is read the same.
    throw new Error(`a template string cannot hold a lone UTF-16 surrogate (got ${JSON.stringify(text)})`);
  }
  let out = '"';
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    const char = text[i]!;
    if (char in SHORT_ESCAPES) {
      out += SHORT_ESCAPES[char];
    } else if (ESCAPED.test(char)) {
      out += `\\u${unit.toString(16).padStart(4, '0')}`;
    } else {
      out += char;
    }
  }
  return `${out}"`;
}

/** `text` with every character of the risky set written `\uXXXX`, for messages people read in a terminal. */
export function escapeRiskyCharacters(text: string): string {
  return text.replace(
    new RegExp(ESCAPED.source, 'g'),
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

type Stringify = NonNullable<ScalarTag['stringify']>;

/**
 * Wraps a scalar tag's `stringify` (the `yaml` library's string tag, or a short-form intrinsic's):
 * strings that need it get the escaped form, every other one the wrapped writer's.
 */
export function portableStrings(write: Stringify): Stringify {
  return (item, ctx, onComment, onChompKeep) => {
    const value = (item as Scalar).value;
    return typeof value === 'string' && needsEscapedForm(value)
      ? escapedDoubleQuoted(value)
      : write(item, ctx, onComment, onChompKeep);
  };
}

/**
 * Raw characters YAML 1.1 readers take as line breaks (NEL, LS, PS) or refuse (C0 and C1
 * controls, DEL, U+FFFE/U+FFFF, lone surrogates), anywhere in a file, comments included.
 */
const READ_DIFFERENTLY =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters YAML parsers read differently.
  /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Where a YAML text holds a raw character YAML 1.1 and 1.2 read differently, or undefined. */
export function firstNonPortableCharacter(
  text: string,
): { line: number; column: number; codePoint: string } | undefined {
  const match = READ_DIFFERENTLY.exec(text);
  if (!match) return undefined;
  const before = text.slice(0, match.index);
  const line = before.split('\n').length;
  const column = match.index - before.lastIndexOf('\n');
  return { line, column, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` };
}
