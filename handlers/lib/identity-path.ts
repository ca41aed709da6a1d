/**
 * The identity of a connection, from its URL path: the one definition. The generator writes the regular expression
 * built here into the CloudFront Function (ES5 JavaScript) and the VTL `$connect` (a Java regex); the generated
 * `$connect` Lambda and authorizers import `identityFromPath`. So the edge, the API and every authorizer agree on
 * which paths name whom (test/handlers/identity-path-parity.test.ts runs one table of hostile paths through all three).
 *
 * The rule (README, "Identity from the path"):
 * - The whole path must match the pattern: the same number of `/`-separated segments, literal segments byte for
 *   byte, a trailing `/` exactly when the pattern has one. No extra, empty, `.` or `..` segments.
 * - The identity segment is 1-256 characters, each an RFC 3986 path character (letters, digits, `-._~!$&'()*+,;=:@`)
 *   or a percent-escape. The escapes, taken together, must be UTF-8 for characters other than control characters
 *   (U+0000-U+001F, U+007F-U+009F), `/` and `\`; so `%2F`, `%5C`, `%00` and invalid UTF-8 are refused, as is a
 *   segment that decodes to `.` or `..` (`%2E%2E`).
 * - The identity is the segment percent-decoded once, as UTF-8 (`+` stays `+`; `%252F` is the text `%2F`).
 *
 * Written without imports, lookbehind, named groups or the `u` flag: the same source must mean the same in
 * cloudfront-js-1.0, Java's java.util.regex and Node. The characters `'` and `$` are written `\x27` and `\x24`
 * (only the anchors are a bare `$`), so the expression fits in a single-quoted VTL string and in `Fn::Sub` text.
 */

const HEX = '[0-9A-Fa-f]';
const CONTINUATION = `%[89ABab]${HEX}`;

/** One character of an identity: a path character, or the escapes of one allowed UTF-8 character. */
const IDENTITY_CHARACTER = [
  '[A-Za-z0-9\\-._~!\\x24&\\x27()*+,;=:@]',
  // ASCII U+0020-U+007E except / (2F) and \ (5C).
  `%(?:2[0-9A-Ea-e]|[34]${HEX}|5[0-9ABD-Fabd-f]|6${HEX}|7[0-9A-Ea-e])`,
  // Two bytes, U+00A0-U+07FF (C2 80-9F are the C1 control characters).
  `%[Cc]2%[AaBb]${HEX}`,
  `%(?:[Cc][3-9A-Fa-f]|[Dd]${HEX})${CONTINUATION}`,
  // Three bytes, no overlong forms and no surrogates (ED A0-BF).
  `%[Ee]0%[AaBb]${HEX}${CONTINUATION}`,
  `%(?:[Ee][1-9A-Ca-c]|[Ee][EeFf])${CONTINUATION}${CONTINUATION}`,
  `%[Ee][Dd]%[89]${HEX}${CONTINUATION}`,
  // Four bytes, U+10000-U+10FFFF.
  `%[Ff]0%[9AaBb]${HEX}${CONTINUATION}${CONTINUATION}`,
  `%[Ff][1-3]${CONTINUATION}${CONTINUATION}${CONTINUATION}`,
  `%[Ff]4%8${HEX}${CONTINUATION}${CONTINUATION}`,
].join('|');

/** At most this many characters in an identity (each at most 4 UTF-8 bytes: within DynamoDB's 2,048-byte key). */
export const MAX_IDENTITY_CHARACTERS = 256;

/** The identity segment, captured; `.` and `..`, plain or escaped, are not identities. */
const IDENTITY_SEGMENT = `(?!(?:\\.|%2[Ee]){1,2}(?:/|$))((?:${IDENTITY_CHARACTER}){1,${MAX_IDENTITY_CHARACTERS}})`;

/** Literal segments and one `{attribute}` segment (the config schema checks this form). */
export const IDENTITY_PATTERN_FORM = /^(\/[A-Za-z0-9._~-]+)*\/\{[A-Za-z_][A-Za-z0-9_]{0,63}\}(\/[A-Za-z0-9._~-]+)*\/?$/;

export interface IdentityPattern {
  /** The attribute the identity is stored in: the placeholder's name. */
  attribute: string;
  /** Regular expression source for the whole path, with the identity segment as group 1. */
  regex: string;
}

/** `/ocpp/{chargePointId}` → the attribute `chargePointId` and `^/ocpp/(<identity segment>)$`. */
export function identityPattern(pathPattern: string): IdentityPattern {
  if (!IDENTITY_PATTERN_FORM.test(pathPattern)) {
    throw new Error(
      `identity path pattern ${JSON.stringify(pathPattern)}: must be /-separated literal segments with exactly one {attribute} segment`,
    );
  }
  let attribute = '';
  const parts = pathPattern
    .split('/')
    .slice(1)
    .map((segment) => {
      if (!segment.startsWith('{')) return segment.replace(/\./g, '\\.');
      attribute = segment.slice(1, -1);
      return IDENTITY_SEGMENT;
    });
  return { attribute, regex: `^/${parts.join('/')}$` };
}

export type IdentityMatch = { ok: true; identity: string } | { ok: false; reason: string };

/** A function giving the identity a path names under `pathPattern`, or why it names none. Build it once per process. */
export function identityMatcher(pathPattern: string): (path: string) => IdentityMatch {
  const regex = new RegExp(identityPattern(pathPattern).regex);
  const refused = `the path does not match ${pathPattern} (one segment of letters, digits, -._~!$&'()*+,;=:@ or UTF-8 percent-escapes; no %2F, %5C, control characters, . or ..)`;
  return (path) => {
    const match = regex.exec(path);
    return match === null ? { ok: false, reason: refused } : { ok: true, identity: decodeURIComponent(match[1]!) };
  };
}
