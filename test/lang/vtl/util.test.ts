import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVtlEngine } from '../../../lang/vtl/index.ts';
import { makeRequest } from './request.ts';

/** Renders with `$v` set to `value` (through the body, so no VTL quoting gets in the way). */
function renderWith(value: string, template: string): string {
  return createVtlEngine().render(
    `#set($v = $input.path('$.v'))${template}`,
    makeRequest({ body: JSON.stringify({ v: value }) }),
  );
}

describe('$util', () => {
  it('urlEncode uses form encoding like java.net.URLEncoder', () => {
    assert.equal(renderWith("a b&c=d/é!'()~*._-", '$util.urlEncode($v)'), 'a+b%26c%3Dd%2F%C3%A9%21%27%28%29%7E*._-');
  });

  it('urlDecode turns + into space and decodes UTF-8', () => {
    assert.equal(renderWith('a+b%26c%C3%A9%20d', '$util.urlDecode($v)'), 'a b&cé d');
  });

  it('urlDecode rejects a broken escape', () => {
    assert.throws(() => renderWith('100%', '$util.urlDecode($v)'), {
      name: 'VtlError',
      message: /^URLDecoder: Illegal hex characters in escape \(%\) pattern at index 3 of "100%"/,
    });
  });

  it('base64Encode and base64Decode use UTF-8', () => {
    assert.equal(
      renderWith('héllo 😀', '$util.base64Encode($v)|$util.base64Decode($util.base64Encode($v))'),
      'aMOpbGxvIPCfmIA=|héllo 😀',
    );
  });

  it('base64Decode rejects characters outside the alphabet', () => {
    assert.throws(() => renderWith('a*b=', '$util.base64Decode($v)'), {
      name: 'VtlError',
      message: /^\$util\.base64Decode: illegal base64 input "a\*b="/,
    });
  });

  it('parseJson returns an object usable in VTL', () => {
    assert.equal(
      renderWith('{"a":{"b":[1,2]}}', '$util.parseJson($v).a.b.size()|$util.parseJson($v)'),
      '2|{a={b=[1, 2]}}',
    );
  });

  it('parseJson rejects invalid JSON', () => {
    assert.throws(() => renderWith('{nope', '$util.parseJson($v)'), {
      name: 'VtlError',
      message: /^\$util\.parseJson: invalid JSON: /,
    });
  });

  it('escapeJavaScript escapes like commons-lang', () => {
    assert.equal(renderWith('it\'s "x"\n', '$util.escapeJavaScript($v)'), 'it\\\'s \\"x\\"\\n');
  });
});
