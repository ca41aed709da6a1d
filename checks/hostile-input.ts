/**
 * Values a client controls (header names and values, query keys and values, message data) chosen
 * to break naive JSON splicing: quotes, backslashes, control characters, line separators,
 * non-ASCII, emoji, and strings that try to inject DynamoDB attributes or VTL directives.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  'He said "hi"',
  'back\\slash\\',
  'new\nline\r\ttab',
  '\u0001\u001f control',
  'ünïcødé ✓ 日本',
  'emoji 😀🚀',
  'separators \u2028 \u2029',
  '</script><script>',
  "it's",
  '", "ttl": {"N": "1"}, "admin": {"BOOL": true}, "x": {"S": "',
  '#set($ttl = 1) $context.connectionId ${AWS::Region}',
  '',
];

/** Header names are HTTP tokens: no quotes or spaces, but every other token character. */
export const HOSTILE_HEADER_NAMES: readonly string[] = ["X-Tick'Name", 'X-Weird!#$%&*+.^_|~', 'x-lower'];

/** Query keys arrive URL-decoded, so any character can appear in them. */
export const HOSTILE_QUERY_KEYS: readonly string[] = ['k"ey', 'a\\b', 'new\nline', 'ws-uri'];
