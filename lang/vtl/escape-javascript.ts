/**
 * `$util.escapeJavaScript`: a port of Apache commons-lang 2.x
 * `StringEscapeUtils.escapeJavaScript` (escapeJavaStyleString with single quote and
 * forward slash escaping), which is what API Gateway documents for this helper.
 *
 * It works on UTF-16 code units, like Java's `char`, so a character outside the BMP
 * (an emoji) comes out as its two surrogates, `\uD83D\uDE00`. Hex digits are upper case.
 * U+007F (DEL) is written as is: commons-lang only escapes code units above 0x7F.
 */
const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
};

/** Everything the loop below would change; most header values contain none of it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what escapeJavaScript escapes.
const NEEDS_ESCAPE = /[\u0000-\u001f'"\\/\u0080-\uffff]/;

export function escapeJavaScript(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i] as string;
    const code = s.charCodeAt(i);
    const short = SHORT_ESCAPES[ch];
    if (short !== undefined) out += short;
    else if (code < 0x20 || code > 0x7f) out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
