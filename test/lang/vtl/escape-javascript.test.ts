import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeJavaScript } from '../../../lang/vtl/index.ts';

describe('escapeJavaScript (commons-lang StringEscapeUtils.escapeJavaScript)', () => {
  const table: [rule: string, input: string, expected: string][] = [
    ['single quote', "it's", "it\\'s"],
    ['double quote', 'say "hi"', 'say \\"hi\\"'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['forward slash', '</script>', '<\\/script>'],
    ['backspace', 'a\bb', 'a\\bb'],
    ['form feed', 'a\fb', 'a\\fb'],
    ['newline', 'a\nb', 'a\\nb'],
    ['carriage return', 'a\rb', 'a\\rb'],
    ['tab', 'a\tb', 'a\\tb'],
    ['other control char below 0x10', '\u0001', '\\u0001'],
    ['other control char from 0x10', '\u001f', '\\u001F'],
    ['NUL', '\u0000', '\\u0000'],
    ['DEL (0x7F) is kept as is', '\u007f', '\u007f'],
    ['latin-1 above 0x7F, upper-case hex', 'é\u0080', '\\u00E9\\u0080'],
    ['BMP char', '\u2028\u20ac', '\\u2028\\u20AC'],
    ['surrogate pair as two escapes', '😀', '\\uD83D\\uDE00'],
    ['printable ASCII unchanged', 'AZaz09 !#$%&()*+,-.:;<=>?@[]^_`{|}~', 'AZaz09 !#$%&()*+,-.:;<=>?@[]^_`{|}~'],
    ['empty string', '', ''],
  ];
  for (const [rule, input, expected] of table) {
    it(rule, () => {
      const escaped = escapeJavaScript(input);

      assert.equal(escaped, expected);
    });
  }
});
