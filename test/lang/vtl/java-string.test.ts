import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VtlError, createVtlEngine } from '../../../lang/vtl/index.ts';
import { makeRequest } from './request.ts';

/** Renders `template` with `$s` set to `value` (the value comes in through the body). */
function renderWith(value: string, template: string): string {
  const request = makeRequest({ body: JSON.stringify({ s: value }) });
  return createVtlEngine().render(`#set($s = $input.path('$.s'))${template}`, request);
}

describe('Java String methods', () => {
  it('replaceAll uses a Java regex, not a literal', () => {
    assert.equal(renderWith('a1b22c333', '$s.replaceAll("[0-9]+", "#")'), 'a#b#c#');
  });

  it('replaceAll supports $n group references', () => {
    assert.equal(renderWith('2024-11-24', '$s.replaceAll("(\\d+)-(\\d+)-(\\d+)", "$3.$2.$1")'), '24.11.2024');
  });

  // Single quotes: a double-quoted Velocity string would interpolate ${n} itself.
  it('replaceAll supports ${name} references and \\$ escapes', () => {
    assert.equal(renderWith('cost 5', "$s.replaceAll('(?<n>[0-9])', '\\$${n}')"), 'cost $5');
  });

  it('reads a multi-digit group reference only while it names a group', () => {
    assert.equal(renderWith('ab', '$s.replaceAll("(a)", "$10")'), 'a0b');
  });

  it('replaceFirst replaces only the first match', () => {
    assert.equal(renderWith('a-b-c', '$s.replaceFirst("-", "+")'), 'a+b-c');
  });

  it('replaceAll with an empty regex inserts between every character', () => {
    assert.equal(renderWith('abc', '$s.replaceAll("", "-")'), '-a-b-c-');
  });

  it('supports a leading (?i) flag and \\Q...\\E quoting', () => {
    assert.equal(renderWith('A.b.a', '$s.replaceAll("(?i)\\Qa.\\E", "x")'), 'xb.a');
  });

  it('lets $ match before a final newline, as Java does', () => {
    assert.equal(renderWith('end\n', '$s.replaceAll("d$", "D")'), 'enD\n');
  });

  it('keeps \\s ASCII-only, as in Java', () => {
    assert.equal(renderWith('a b\u00a0c', '$s.replaceAll("\\s", "_")'), 'a_b\u00a0c');
  });

  it('matches requires the whole string to match', () => {
    assert.equal(renderWith('abc', '$s.matches("b")|$s.matches("a|abc")|$s.matches("[a-c]+")'), 'false|true|true');
  });

  it('split drops trailing empty strings and keeps leading ones', () => {
    assert.equal(renderWith(',a,,b,,', '$s.split(",")|$s.split(",").size()'), '[, a, , b]|4');
  });

  it('split with a limit keeps the rest in the last element', () => {
    assert.equal(renderWith('a,b,c', '$s.split(",", 2)'), '[a, b,c]');
  });

  it('split on the empty regex gives the characters', () => {
    assert.equal(renderWith('abc', '$s.split("")'), '[a, b, c]');
  });

  it('length, isEmpty, equals, equalsIgnoreCase, contains', () => {
    assert.equal(
      renderWith(
        'Hello',
        '$s.length()|$s.isEmpty()|$s.equals("Hello")|$s.equals("hello")|$s.equalsIgnoreCase("hELLO")|$s.contains("ell")',
      ),
      '5|false|true|false|true|true',
    );
  });

  it('replace is literal', () => {
    assert.equal(renderWith('a.b.c', '$s.replace(".", "$1")'), 'a$1b$1c');
  });

  it('substring, indexOf, startsWith, endsWith, charAt', () => {
    assert.equal(
      renderWith(
        'abcdef',
        '$s.substring(2)|$s.substring(1, 3)|$s.indexOf("d")|$s.startsWith("ab")|$s.endsWith("ef")|$s.charAt(5)',
      ),
      'cdef|bc|3|true|true|f',
    );
  });

  it('toLowerCase, toUpperCase and Java trim (only chars <= U+0020)', () => {
    assert.equal(
      renderWith('\t Mixed\u00a0', '[$s.trim()]|$s.toLowerCase().trim()|$s.toUpperCase().trim()'),
      '[Mixed\u00a0]|mixed\u00a0|MIXED\u00a0',
    );
  });

  it('the AWS idiom replaceAll("\\\\\'","\'") turns \\\' back into \'', () => {
    assert.equal(renderWith("it's", '$util.escapeJavaScript($s).replaceAll("\\\\\'","\'")'), "it's");
  });

  it('renders a method String does not have as an undefined reference', () => {
    assert.equal(renderWith('abc', '[$s.padStart(5)]'), '[]');
  });

  it('throws a VtlError naming the reference and line for an out-of-range substring', () => {
    assert.throws(() => renderWith('abc', '\n$s.substring(2, 1)'), {
      name: 'VtlError',
      message:
        'StringIndexOutOfBoundsException: begin 2, end 1, length 3 in $s.substring(2,1) (line 2: $s.substring(2, 1))',
    });
  });

  it('rejects Java regex constructs JavaScript cannot express', () => {
    assert.throws(
      () => renderWith('aaa', '$s.replaceAll("a++", "b")'),
      (e: unknown) => {
        assert.ok(e instanceof VtlError);
        assert.equal(
          e.message,
          'unsupported Java regex construct ++ (possessive quantifier) in pattern "a++" in $s.replaceAll("a++","b") (line 1: #set($s = $input.path(\'$.s\'))$s.replaceAll("a++", "b"))',
        );
        return true;
      },
    );
  });

  it('reports an illegal group reference in the replacement', () => {
    assert.throws(() => renderWith('a', '$s.replaceAll("a", "$2")'), { name: 'VtlError', message: /^No group 2 in / });
  });
});
