import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createVtlEngine } from '../../../lang/vtl/index.ts';
import { makeRequest } from './request.ts';

const body = '{"action":"send","data":{"text":"hi \\"you\\"","n":3,"tags":["a","b"],"none":null}}';
const render = (template: string, overrides = {}) =>
  createVtlEngine().render(template, makeRequest({ body, ...overrides }));

describe('$input.body, $input.json, $input.path', () => {
  it('$input.body is the raw body', () => {
    assert.equal(render('$input.body'), body);
  });

  it('$input.json returns compact JSON text; strings come back quoted', () => {
    assert.equal(
      render('$input.json("$.data.text")|$input.json("$.data.n")|$input.json("$.data.tags")'),
      '"hi \\"you\\""|3|["a","b"]',
    );
  });

  it('$input.json("$") re-serialises the whole body', () => {
    assert.equal(render('$input.json("$")', { body: '{ "a" : [ 1, 2 ] }' }), '{"a":[1,2]}');
  });

  it('$input.json of a missing path is empty text', () => {
    assert.equal(render('[$input.json("$.nope")]'), '[]');
  });

  it('$input.json of an indefinite path is a list', () => {
    assert.equal(render('$input.json("$.data.tags[*]")|$input.json("$..nothing")'), '["a","b"]|[]');
  });

  it('$input.path returns native values usable in VTL', () => {
    assert.equal(
      render('$input.path("$.data.tags").size()|$input.path("$.data.n")|$input.path("$.data").text'),
      '2|3|hi "you"',
    );
  });

  it('$input.path of JSON null renders like an undefined reference', () => {
    assert.equal(render('[$input.path("$.data.none")]'), '[]');
  });

  it('a non-JSON body is one raw string for $ and has no sub-paths', () => {
    assert.equal(
      render('$input.json("$")|$input.path("$")|[$input.json("$.a")]', { body: 'plain "text"' }),
      '"plain \\"text\\""|plain "text"|[]',
    );
  });
});

describe('$input.params', () => {
  const params = {
    path: { id: 'p1' },
    querystring: { id: 'q1', token: 'abc' },
    header: { Host: 'example.com', 'Ws-Uri': '/cp/CP001', id: 'h1' },
  };

  it('looks a name up in path, then querystring, then header', () => {
    assert.equal(
      render('$input.params("id")|$input.params("token")|$input.params("Host")', { params }),
      'p1|abc|example.com',
    );
  });

  it('looks header names up case-insensitively', () => {
    assert.equal(render('$input.params("ws-uri")', { params }), '/cp/CP001');
  });

  it('gives an empty string for a missing name', () => {
    assert.equal(render('[$input.params("missing")]', { params }), '[]');
  });

  it('prints $input.params() like a Java map', () => {
    assert.equal(
      render('$input.params()', { params }),
      '{path={id=p1}, querystring={id=q1, token=abc}, header={Host=example.com, Ws-Uri=/cp/CP001, id=h1}}',
    );
  });

  it('supports get, keySet, size, containsKey on the params maps', () => {
    const out = render(
      '$input.params().keySet()|$input.params().get("querystring").get("token")|$input.params().get("header").size()|$input.params().get("header").containsKey("Host")|$input.params().get("header").containsKey("host")',
      { params },
    );

    assert.equal(out, '[path, querystring, header]|abc|3|true|false');
  });

  it('iterates entrySet() in #foreach', () => {
    const out = render(
      '#foreach($e in $input.params().get("header").entrySet())$e.key:$e.value#if($foreach.hasNext);#end#end',
      { params },
    );

    assert.equal(out, 'Host:example.com;Ws-Uri:/cp/CP001;id:h1');
  });

  it("does not let a template change the caller's params", () => {
    const request = makeRequest({ params: { path: {}, querystring: {}, header: { a: '1' } } });

    createVtlEngine().render('#set($ignored = $input.params().get("header").put("b", "2"))', request);

    assert.deepEqual(request.params.header, { a: '1' });
  });
});
