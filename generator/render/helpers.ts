/**
 * Typed escaping helpers: the only way values enter VTL, ASL and CloudFront Function text.
 * Each one targets one language context and refuses what it cannot make safe.
 */

/** A JSON value (string literal, number, boolean), for ASL documents. */
export function json(value: unknown): string {
  if (typeof value === 'string' && value.includes('${')) {
    throw new Error(
      `value ${JSON.stringify(value)} contains "\${", which DefinitionSubstitutions would read as a placeholder`,
    );
  }
  return JSON.stringify(value);
}

/** A JavaScript string literal (also escapes U+2028/U+2029 for pre-ES2019 parsers). */
export function jsString(value: unknown): string {
  if (typeof value !== 'string') throw new Error(`jsString expects a string, got ${typeof value}`);
  return JSON.stringify(value)
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A `Fn::Sub` placeholder for a logical ID or parameter: `${SessionsTable}`. */
export function cfnRef(logicalId: unknown): string {
  if (typeof logicalId !== 'string' || !/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z]+)?$/.test(logicalId)) {
    throw new Error(`cfnRef expects a logical ID, got ${JSON.stringify(logicalId)}`);
  }
  return `\${${logicalId}}`;
}

/**
 * A VTL expression rendered as JSON string content: `$util.escapeJavaScript` escapes quotes,
 * backslashes and control characters, and the AWS-documented `replaceAll` undoes its `\'`,
 * which JSON does not allow.
 */
export function vtlJsonEscaped(expression: unknown): string {
  if (
    typeof expression !== 'string' ||
    !/^\$[A-Za-z][\w.]*(\([^()]*\))*(\.[A-Za-z]\w*(\([^()]*\))?)*$/.test(expression)
  ) {
    throw new Error(`vtlJsonEscaped expects a VTL reference, got ${JSON.stringify(expression)}`);
  }
  return `$util.escapeJavaScript(${expression}).replaceAll("\\\\'","'")`;
}

/**
 * A single-quoted VTL string literal for a validated name: it accepts every header and query-string
 * name the config accepts (generator/config/names.ts), none of which can close the literal.
 */
export function vtlLiteral(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9_.:~-]*$/.test(value)) {
    throw new Error(`vtlLiteral expects a plain name, got ${JSON.stringify(value)}`);
  }
  return `'${value}'`;
}

/**
 * A single-quoted VTL string literal for text the generator built (a regular expression, a browser origin): Velocity
 * reads such a literal as is, with no references or escapes, so only `'` (which would end it), `#` (directives), `${`
 * (a `Fn::Sub` placeholder) and control characters are refused.
 */
export function vtlQuoted(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are refused in quoted VTL.
  if (typeof value !== 'string' || /['#\u0000-\u001f\u007f]|\$\{/.test(value)) {
    throw new Error(`vtlQuoted expects text without ', #, \${ or control characters, got ${JSON.stringify(value)}`);
  }
  return `'${value}'`;
}

/** A JSON object key for a validated attribute name. */
export function jsonName(value: unknown): string {
  if (typeof value !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(value)) {
    throw new Error(`jsonName expects an attribute name, got ${JSON.stringify(value)}`);
  }
  return JSON.stringify(value);
}

export const HELPERS = { json, jsString, cfnRef, vtlJsonEscaped, vtlLiteral, vtlQuoted, jsonName } as const;
