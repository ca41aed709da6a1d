/**
 * The template writer emits every string so that YAML 1.1 (PyYAML: cfn-lint, the SAM CLI) and
 * YAML 1.2 (the project's parser, the local stack) read the same data; the parser refuses raw
 * characters the two read differently. Checked against the real PyYAML, both its loaders.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCloudFormation, stringifyCloudFormation } from '../../cfn/yaml.ts';
import { loadersOrSkip, readWithPyYaml } from '../support/pyyaml.ts';
import { placementsOf } from '../support/yaml-placements.ts';

/** Characters YAML 1.1 and 1.2 read differently, that PyYAML refuses raw, or that hide in review. */
const DANGEROUS: Record<string, string> = {
  'NEL U+0085': '\u0085',
  'LS U+2028': '\u2028',
  'PS U+2029': '\u2029',
  NUL: '\0',
  BEL: '\u0007',
  ESC: '\u001b',
  DEL: '\u007f',
  'C1 U+0080': '\u0080',
  'C1 U+009F': '\u009f',
  'BOM U+FEFF': '\ufeff',
  'U+FFFE': '\ufffe',
  'U+FFFF': '\uffff',
  tab: '\t',
  CR: '\r',
  CRLF: '\r\n',
  'zero-width space': '\u200b',
  'RTL override': '\u202e',
  NBSP: '\u00a0',
  'ideographic space': '\u3000',
  emoji: '😀',
  quote: '"',
  backslash: '\\',
};

/** Plain scalars YAML 1.1 would read as another type. */
const TYPED_LOOKING = [
  '=',
  '<<',
  'yes',
  'No',
  'on',
  'OFF',
  '0777',
  '0x1F',
  '0b101',
  '1:20',
  '2001-12-14',
  '~',
  'null',
  '',
  '.inf',
  '1e3',
  '+12',
  '1_000',
  '.5',
];

/** Every placement, and one with a space before a line break (a plain scalar would lose it). */
const placements = (char: string): string[] => [...placementsOf(char), `a ${char} \nb`];

/** Deterministic strings over an alphabet of YAML-significant characters (a linear congruential generator). */
function generatedStrings(count: number, maxLength: number, seed: number): string[] {
  const alphabet = [
    ' ',
    '\n',
    '\t',
    '\r',
    'a',
    '#',
    ':',
    '-',
    '"',
    "'",
    '\\',
    '\u2028',
    '\u0085',
    '\ufeff',
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
    '?',
    '0',
    '.',
    'y',
    '~',
    '=',
    '<',
    'é',
    '😀',
    '\u00a0',
    '\u3000',
  ];
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return Array.from({ length: count }, () =>
    Array.from(
      { length: Math.floor(next() * (maxLength + 1)) },
      () => alphabet[Math.floor(next() * alphabet.length)]!,
    ).join(''),
  );
}

/** The same strings as values, map keys, `!Sub` and `!Ref` values. */
function documentOf(strings: string[]) {
  return {
    values: strings,
    keys: Object.fromEntries(strings.map((text, i) => [text, i])),
    subs: strings.map((text) => ({ 'Fn::Sub': text })),
    refs: strings.map((text) => ({ Ref: text })),
  };
}

describe('template strings read the same in YAML 1.1 and 1.2', () => {
  it('writes a string holding such a character double-quoted, the character escaped', () => {
    assert.equal(stringifyCloudFormation({ Description: 'a\u2028b' }), 'Description: "a\\u2028b"\n');
    assert.equal(stringifyCloudFormation({ 'k\u0085': 'x\ty\r\n' }), '"k\\u0085": "x\\ty\\r\\n"\n');
    assert.equal(stringifyCloudFormation({ X: { 'Fn::Sub': '${A}\u2029' } }), 'X: !Sub "${A}\\u2029"\n');
    assert.equal(stringifyCloudFormation({ V: ['=', '<<', 'yes'] }), 'V:\n  - "="\n  - "<<"\n  - "yes"\n');
    // Plain text and block literals keep their readable form.
    assert.equal(
      stringifyCloudFormation({ Code: 'line 1\nline 2\n', Name: 'plain text' }),
      'Code: |\n  line 1\n  line 2\nName: plain text\n',
    );
  });

  it('refuses a lone surrogate, which no UTF-8 template can hold', () => {
    assert.throws(() => stringifyCloudFormation({ Description: 'a\ud800b' }), {
      message: 'a template string cannot hold a lone UTF-16 surrogate (got "a\\ud800b")',
    });
  });

  it('refuses to parse a template holding a raw character YAML 1.1 reads otherwise', () => {
    assert.throws(() => parseCloudFormation('Description: x\nOther: "a\u2028b"\n', 'bad.yaml'), {
      message:
        'bad.yaml: line 2, column 10: raw U+2028, which YAML 1.1 readers (cfn-lint, the SAM CLI) take as a line break or refuse while YAML 1.2 does not; write it escaped in a double-quoted string ("\\u2028")',
    });
    assert.throws(
      () => parseCloudFormation('# comment \u0085 Resources: {}\n'),
      /template\.yaml: line 1, column 11: raw U\+0085/,
    );
    assert.throws(() => parseCloudFormation('A: "\u0007"\n'), /line 1, column 5: raw U\+0007/);
  });

  it('PyYAML reads each dangerous character, in every placement, as the project parser does', (t) => {
    const strings = [...Object.values(DANGEROUS).flatMap(placements), ...TYPED_LOOKING];
    assertSameInBoth(t, documentOf(strings));
  });

  it('PyYAML reads 3,000 generated strings of YAML-significant characters as the project parser does', (t) => {
    assertSameInBoth(t, documentOf([...generatedStrings(2_500, 10, 7), ...generatedStrings(500, 60, 11)]));
  });
});

function assertSameInBoth(t: Parameters<typeof loadersOrSkip>[0], document: ReturnType<typeof documentOf>): void {
  const text = stringifyCloudFormation(document);
  const ours = parseCloudFormation(text);
  assert.deepEqual(ours, document, 'the project parser reads back what was written');
  const loaders = loadersOrSkip(t);
  for (const loader of loaders) {
    const [result] = readWithPyYaml([text], loader);
    assert.ok(result && 'data' in result, `${loader}: ${result && 'error' in result ? result.error : 'no result'}`);
    assert.deepEqual(result.data, ours, `${loader} reads other data than the project parser`);
  }
}
