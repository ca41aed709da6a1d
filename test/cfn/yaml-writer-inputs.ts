/** Inputs for the template writer's differential test (yaml-writer.test.ts): hostile strings and generated documents. */

const RISKY_PIECES = [
  ' ',
  '  ',
  '\n',
  '\n\n',
  '\t',
  '\r\n',
  ': ',
  ':',
  '#',
  ' #',
  '-',
  '- ',
  '?',
  '? ',
  '"',
  "'",
  '\\',
  '\\n',
  '|',
  '>',
  '!',
  '&',
  '*',
  '%',
  '@',
  '`',
  '{',
  '}',
  '[',
  ']',
  ',',
  '---',
  '...',
  '~',
  'yes',
  'No',
  'on',
  'null',
  'true',
  '012',
  '0x1F',
  '1e3',
  '.inf',
  '1:20',
  '2001-12-14',
  '=',
  '<<',
  'é',
  '😀',
  '\u00a0',
  '\u0085',
  '\u2028',
  '\u200b',
  '${AWS::Region}',
  'a',
  'Arn',
];

/** Strings YAML writers get wrong: indicators, typed-looking text, whitespace at the edges, control characters. */
export function hostileStrings(): string[] {
  const whole = [
    '',
    ' ',
    ' leading',
    'trailing ',
    'a: b',
    'a:b',
    'a #b',
    'a#b',
    ...'*&!|>\'"%@`,[]{}#?-:'.split('').flatMap((indicator) => [indicator, `${indicator}x`, `${indicator} x`]),
    'yes',
    'no',
    'on',
    'off',
    'y',
    'n',
    'Yes',
    'NO',
    'null',
    'Null',
    '~',
    'true',
    'False',
    '012',
    '0777',
    '1e3',
    '0x1F',
    '0b101',
    '0o17',
    '.inf',
    '-.Inf',
    '.nan',
    '1_000',
    '+12',
    '.5',
    '1:20',
    '190:20:30.15',
    '2001-12-14',
    '2001-12-14t21:59:43.10-05:00',
    '=',
    '<<',
    '---',
    '--- x',
    '...',
    '%YAML',
    'é ünïcödé',
    '😀',
    'a\tb',
    '\tlead',
    'a\rb',
    'line\r\nline',
    '\u0000',
    '\u0007',
    '\u0085',
    '\u2028',
    '\ufeff',
    '\ud800',
    'quote " inside',
    "apostrophe ' inside",
    `both ' and "`,
    'back\\slash',
    'x'.repeat(2000),
    `${'word '.repeat(400)}end`,
    'line1\nline2',
    'line1\nline2\n',
    'line1\nline2\n\n',
    'line1\nline2\n\n\n',
    '\nleading newline',
    '\n\nleading newlines\n',
    '  indented first\nsecond',
    'first\n  indented second\n',
    'trailing space \nnext',
    'next\n leading space',
    'ends in spaces\n  ',
    'ends in spaces  ',
    '\n',
    '\n\n',
    ' \n',
    'a\n \n',
    'a\n\n b\n\n',
    '#set($x = 1)\n{\n  "k": "$x"\n}\n',
    'key: value\n- item\n',
    '---\nfront matter\n',
    'text\n...\nmore',
    '%line\nx',
    // One line the writer takes on its short path (yaml-writer.ts, SIMPLE_LINE): at its edges and typed-looking.
    'AWS::Events::Rule',
    'Trailing::',
    'a:',
    '$',
    '_',
    '/',
    'arn:aws:s3:::bucket/*',
    '${Api}/prod,#x=1+2@{y}',
    '0',
    '-1',
    '12:30',
    'TRUE',
    'Off',
    '1.5e+3',
    '0x_1F',
  ];
  return whole;
}

/** A deterministic generator (linear congruential), so a failure names a document that can be rebuilt. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const INTRINSIC_KEYS = [
  'Ref',
  'Condition',
  'Fn::Sub',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::If',
  'Fn::Transform',
  'Fn::Select',
];

/** Nested documents: maps, lists, intrinsics in every form, strings built from risky pieces, numbers, booleans, null. */
export function randomDocuments(count: number, seed: number): Record<string, unknown>[] {
  const next = generator(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const text = (): string =>
    Array.from({ length: Math.floor(next() * 6) }, () => (next() < 0.5 ? pick(RISKY_PIECES) : 'word')).join('');
  const value = (depth: number): unknown => {
    const roll = next();
    if (depth > 3 || roll < 0.35) return text();
    if (roll < 0.4) return pick([0, 1, -7, 3600, 2 ** 40, 1.5, null, true, false]);
    if (roll < 0.55) return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    if (roll < 0.75) {
      const key = pick(INTRINSIC_KEYS);
      const form = next();
      // `!GetAtt A.B` is read back split at its first dot (the dialect's rule): the resource name holds none.
      if (key === 'Fn::GetAtt' && form < 0.6) return { [key]: [text().replaceAll('.', ''), text()] };
      return {
        [key]: form < 0.4 ? text() : form < 0.6 ? [text(), text()] : form < 0.85 ? [value(depth + 1)] : map(depth + 1),
      };
    }
    return map(depth + 1);
  };
  const map = (depth: number): Record<string, unknown> =>
    Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [text() || 'k', value(depth)]));
  return Array.from({ length: count }, () => ({ Root: value(0), [text() || 'Other']: value(1) }));
}
