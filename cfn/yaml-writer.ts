/**
 * A purpose-built writer for the template shapes the generator emits, giving the same bytes as the `yaml` library
 * with this project's options (./yaml.ts: YAML 1.1 schema, CloudFormation short-form tags, portable strings, no line
 * folding, no aliases). The library builds a node tree and runs its general stringifier over it; the first run in a
 * process (every `npm run generate`) spent most of its time compiling that code (issue 20). This writer covers only
 * what it can prove identical: plain objects, arrays, strings, safe integers, booleans and null. For anything else
 * (another number, an empty key, a multi-line key, a string with a document marker, a quoted multi-line string, a
 * key longer than 1,024 characters, a value that is not plain data) it answers `undefined` and the caller uses the
 * library. test/cfn/yaml-writer.test.ts compares the two on every generated template and on hostile values.
 */
import { escapedDoubleQuoted, needsEscapedForm } from './yaml-string.ts';
import { INTRINSIC_NAMES, intrinsicKey, isGetAttPair, type IntrinsicName } from './yaml-intrinsics.ts';

/** True when the library's schema would read `text`, written plain, as something other than a string (`yes`, `012`). */
export type ResolvesToNonString = (text: string) => boolean;

/** Thrown inside the writer for a value it does not cover; never escapes it. */
class NotCovered extends Error {}

const INDENT_STEP = '  ';
/** The library writes a longer implicit key as an explicit one (`? key`). */
const MAX_IMPLICIT_KEY = 1024;
/** Deeper data would overflow the library's stack too; it is left to the library to report. */
const MAX_DEPTH = 500;

/**
 * Plain text the library refuses to write plain: a leading indicator, a lone or leading `-`/`?`, `: ` or ` #`
 * inside, a trailing space or colon (the `yaml` library's rule, stringifyString.js, for one-line text).
 */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A line starting `%`, `---` or `...` (a directive or document marker): its indentation rules are not covered. */
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
/** A block scalar cannot end in spaces on its last line; the library quotes such text across lines. */
const TRAILING_SPACE_LINE = /\n[\t ]+$/;
/** Newline runs inside a block scalar's trailing whitespace that need the indentation after them. */
const INNER_NEWLINE_RUNS = /(^|(?<!\n))\n+(?!\n|$)/g;

/**
 * One line of ASCII that none of the tests of `string` below can catch: no character to escape, no line break, no
 * document marker (a first character other than `%`, `-`, `.`), nothing NOT_PLAIN matches (no whitespace, no
 * indicator first, no trailing colon). Most keys and values of a template are such text (`Type`, `AWS::Events::Rule`,
 * `${Api}/prod`), and one test instead of six is most of the writer's time in a first run (regular expressions are
 * compiled to machine code on their first uses, which no code cache keeps).
 */
const SIMPLE_LINE = /^[A-Za-z0-9_/$][A-Za-z0-9_./:$@{}*+=,#-]*$/;

const INTRINSIC_BY_KEY = new Map<string, IntrinsicName>(INTRINSIC_NAMES.map((name) => [intrinsicKey(name), name]));

type PlainObject = Record<string, unknown>;

function isPlainObject(value: unknown): value is PlainObject {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The template as YAML, byte for byte what `stringifyCloudFormation`'s library path writes, or `undefined` when the
 * template holds something this writer does not cover.
 */
export function writeCloudFormationYaml(
  template: unknown,
  resolvesToNonString: ResolvesToNonString,
): string | undefined {
  if (!isPlainObject(template) || intrinsicOf(template) !== undefined) return undefined;
  const writer = new TemplateWriter(resolvesToNonString);
  try {
    writer.map(template, '', 0);
  } catch (error) {
    if (error instanceof NotCovered) return undefined;
    throw error;
  }
  return `${writer.text()}\n`;
}

/** The short-form tag a single-key object is written with, as the library's tags identify it. */
function intrinsicOf(value: PlainObject): { name: IntrinsicName; inner: unknown } | undefined {
  const keys = Object.keys(value);
  if (keys.length !== 1) return undefined;
  const name = INTRINSIC_BY_KEY.get(keys[0]!);
  if (name === undefined) return undefined;
  const inner = value[keys[0]!];
  const taggable = typeof inner === 'string' || Array.isArray(inner) || (typeof inner === 'object' && inner !== null);
  return taggable ? { name, inner } : undefined;
}

/** The library writes an empty list or map in flow style (`[]`, `{}`), on its key's line; it leaves undefined values out. */
function isEmptyCollection(value: unknown[] | PlainObject): boolean {
  if (Array.isArray(value)) return value.length === 0;
  for (const key in value) if (Object.hasOwn(value, key) && value[key] !== undefined) return false;
  return true;
}

/** Appends the text of each value to one list of parts, joined once at the end. */
class TemplateWriter {
  private readonly parts: string[] = [];

  constructor(private readonly resolvesToNonString: ResolvesToNonString) {}

  text(): string {
    return this.parts.join('');
  }

  /** A value at `indent`, as the library writes it: its first line without the indentation. */
  value(value: unknown, indent: string, depth: number): void {
    if (depth > MAX_DEPTH) throw new NotCovered();
    if (value === null) this.parts.push('null');
    else if (value === true) this.parts.push('true');
    else if (value === false) this.parts.push('false');
    else if (typeof value === 'number') {
      if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new NotCovered();
      this.parts.push(String(value));
    } else if (typeof value === 'string') this.parts.push(this.string(value, indent, false, false));
    else if (Array.isArray(value)) this.sequence(value, indent, depth);
    else if (isPlainObject(value)) {
      const intrinsic = intrinsicOf(value);
      if (intrinsic === undefined) this.map(value, indent, depth);
      else this.tagged(intrinsic, indent, depth);
    } else throw new NotCovered();
  }

  private tagged({ name, inner }: { name: IntrinsicName; inner: unknown }, indent: string, depth: number): void {
    const tag = `!${name}`;
    if (typeof inner === 'string') {
      this.parts.push(tag, ' ', this.string(inner, indent, false, true));
    } else if (name === 'GetAtt' && isGetAttPair(inner)) {
      this.parts.push(tag, ' ', this.string(inner.join('.'), indent, false, true));
    } else if (Array.isArray(inner) || isPlainObject(inner)) {
      // An empty collection is written in flow style on the tag's line; any other on the lines below it.
      this.parts.push(tag, isEmptyCollection(inner) ? ' ' : `\n${indent}`);
      if (Array.isArray(inner)) this.sequence(inner, indent, depth + 1);
      else this.map(inner, indent, depth + 1);
    } else throw new NotCovered();
  }

  private sequence(items: unknown[], indent: string, depth: number): void {
    if (items.length === 0) {
      this.parts.push('[]');
      return;
    }
    const itemIndent = indent + INDENT_STEP;
    for (let i = 0; i < items.length; i += 1) {
      if (!(i in items) || items[i] === undefined) throw new NotCovered();
      this.parts.push(i === 0 ? '- ' : `\n${indent}- `);
      this.value(items[i], itemIndent, depth + 1);
    }
  }

  map(entries: PlainObject, indent: string, depth: number): void {
    let first = true;
    const valueIndent = indent + INDENT_STEP;
    for (const key of Object.keys(entries)) {
      const value = entries[key];
      if (value === undefined) continue; // the library leaves undefined values out
      if (key === '') throw new NotCovered();
      const keyText = this.string(key, valueIndent, true, false);
      if (keyText.length > MAX_IMPLICIT_KEY) throw new NotCovered();
      // A list or map goes below its key, unless it is empty or tagged (the tag stays on the key's line).
      const below =
        (Array.isArray(value) || (isPlainObject(value) && intrinsicOf(value) === undefined)) &&
        !isEmptyCollection(value as unknown[] | PlainObject);
      this.parts.push(first ? '' : `\n${indent}`, keyText, below ? `:\n${valueIndent}` : ': ');
      this.value(value, valueIndent, depth + 1);
      first = false;
    }
    if (first) this.parts.push('{}');
  }

  /** A string as a key (one line only) or a value; `tagged` values are not checked for other types, as the library does. */
  private string(text: string, indent: string, key: boolean, tagged: boolean): string {
    if (SIMPLE_LINE.test(text) && !text.endsWith(':'))
      return !tagged && this.resolvesToNonString(text) ? quoted(text) : text;
    if (needsEscapedForm(text)) return escapedDoubleQuoted(text);
    if (text.includes('\n')) {
      if (key) throw new NotCovered();
      return literalBlock(text, indent);
    }
    if (DOCUMENT_MARKER.test(text)) throw new NotCovered();
    if (NOT_PLAIN.test(text) || (!tagged && this.resolvesToNonString(text))) return quoted(text);
    return text;
  }
}

/**
 * One line quoted: single quotes when it holds a double quote and no single one, else double quotes. The text holds
 * no character needing an escape but `"` and `\` (./yaml-string.ts took those), so JSON's quoting is YAML's.
 */
function quoted(text: string): string {
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

/**
 * Multi-line text as a literal block (`|`), with the chomping indicator its trailing newlines need (`-` none, clip
 * one, `+` more) and an indentation indicator when it starts with a space. Lines are indented by `indent`.
 */
function literalBlock(text: string, indent: string): string {
  if (indent === '' || TRAILING_SPACE_LINE.test(text)) throw new NotCovered();
  let contentEnd = text.length;
  while (contentEnd > 0 && /[\n\t ]/.test(text[contentEnd - 1]!)) contentEnd -= 1;
  let trailing = text.slice(contentEnd);
  let body = text.slice(0, contentEnd);
  const firstNewline = trailing.indexOf('\n');
  const chomp = firstNewline === -1 ? '-' : trailing === text || firstNewline !== trailing.length - 1 ? '+' : '';
  if (trailing.endsWith('\n')) trailing = trailing.slice(0, -1);
  trailing = trailing.replace(INNER_NEWLINE_RUNS, `$&${indent}`);
  let leadingEnd = 0;
  let lastLeadingNewline = -1;
  let startsWithSpace = false;
  for (; leadingEnd < body.length; leadingEnd += 1) {
    const char = body[leadingEnd];
    if (char === ' ') startsWithSpace = true;
    else if (char === '\n') lastLeadingNewline = leadingEnd;
    else break;
  }
  let leading = body.slice(0, lastLeadingNewline < leadingEnd ? lastLeadingNewline + 1 : leadingEnd);
  if (leading !== '') {
    body = body.slice(leading.length);
    leading = leading.replace(/\n+/g, `$&${indent}`);
  }
  const header = `${startsWithSpace ? '2' : ''}${chomp}`;
  return `|${header}\n${indent}${leading}${body.replace(/\n+/g, `$&${indent}`)}${trailing}`;
}
