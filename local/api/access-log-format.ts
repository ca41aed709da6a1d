import type { AccessLogValues } from './types.ts';

/** `$context.name` or `$context.a.b`; a trailing dot is punctuation, not part of the name. */
const VARIABLE = /\$context\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)/g;
/** What API Gateway writes for a variable without a value. */
const NO_VALUE = '-';

type Segment = string | { variable: string };

/**
 * A stage's `AccessLogSettings.Format`, compiled once: every `$context.*` variable is filled per request from the
 * request's values, `-` where it has none (as API Gateway writes empty variables). Values are written as JSON string
 * content (quotes and backslashes escaped) when the format is JSON, so a header carrying `"` cannot break the line
 * into other fields (UNCONFIRMED whether API Gateway escapes); control characters are always escaped, so one
 * request is one line whatever a client sent.
 */
export function compileAccessLogFormat(format: string): (values: AccessLogValues) => string {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of format.matchAll(VARIABLE)) {
    segments.push(format.slice(last, match.index), { variable: match[1] ?? '' });
    last = (match.index ?? 0) + match[0].length;
  }
  segments.push(format.slice(last));
  const escapeValue = format.trimStart().startsWith('{') ? escapeJsonContent : escapeControls;
  return (values) => {
    let line = '';
    for (const segment of segments) {
      if (typeof segment === 'string') line += segment;
      else {
        const value = values[segment.variable];
        if (value === undefined || value === '') line += NO_VALUE;
        else line += typeof value === 'number' ? String(value) : escapeValue(value); // digits need no escaping
      }
    }
    return line;
  };
}

/** What JSON.stringify escapes in a string: quote, backslash, control characters and (unpaired) surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for.
const NEEDS_JSON_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
// Most values (ids, times, route keys) need none: tested first, they skip a JSON.stringify and a slice each.
const escapeJsonContent = (text: string): string =>
  NEEDS_JSON_ESCAPE.test(text) ? JSON.stringify(text).slice(1, -1) : text;
const escapeControls = (text: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it escapes.
  text.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
