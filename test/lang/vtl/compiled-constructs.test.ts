import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_COMPILED_DEPTH } from '../../../lang/vtl/compiled/unsupported.ts';
import { createVtlEngine } from '../../../lang/vtl/index.ts';
import { CONSTRUCTS } from './construct-corpus.ts';
import { renderBoth, unsupportedConstruct } from './differential.ts';
import { makeRequest } from './request.ts';

/** A few requests per construct: a JSON body with nested data, hostile text, an empty body, a non-JSON body. */
const REQUESTS = [
  makeRequest({
    body: JSON.stringify({ data: { text: 'He said "hi" \\ ü 😀', list: ['a', 1, null, true], n: 5 } }),
    params: { path: {}, querystring: { plain: 'q v' }, header: { Host: 'example.com', 'Ws-Uri': '/ocpp/CP1' } },
    stageVariables: { originSecrets: 'a,b' },
  }),
  makeRequest({ body: JSON.stringify({ data: '#set($x = 1)</script>\u2028' }) }),
  makeRequest({ body: '' }),
  makeRequest({ body: 'not json' }),
];

describe('compiled VTL: each construct renders as velocityjs renders it', () => {
  for (const construct of CONSTRUCTS) {
    it(`${construct.name} (${construct.path})`, () => {
      const unsupported = unsupportedConstruct(construct.template);
      if (construct.path === 'velocityjs') assert.notEqual(unsupported, undefined, 'the compiled path must refuse it');
      else assert.equal(unsupported, undefined, `the compiled path must take it (refused: ${unsupported})`);
      let handedOver = 0;
      for (const undefinedReferences of ['empty', 'literal'] as const) {
        for (const request of REQUESTS) {
          const both = renderBoth(construct.template, request, undefinedReferences);
          assert.deepEqual(
            both.compiled,
            both.interpreted,
            `${undefinedReferences}, body ${JSON.stringify(request.body)}`,
          );
          handedOver += both.handedOver.length;
          if (construct.path === 'compiled') assert.deepEqual(both.handedOver, []);
        }
      }
      if (construct.path !== 'compiled') assert.ok(handedOver > 0, 'the compiled engine must log the hand-over');
    });
  }

  it('renders the expected text, not only the same text (a sample of constructs)', () => {
    const request = REQUESTS[0];
    const text = (template: string) => {
      const both = renderBoth(template, request ?? makeRequest());
      assert.deepEqual(both.compiled, both.interpreted);
      return (both.compiled as { text: string }).text;
    };
    assert.equal(text('#set($m = {"a": 1, "b": [1, "x"]})$m'), '{a=1, b=[1, x]}');
    assert.equal(text('#set($q = -7 / 2)$q'), '-3');
    assert.equal(text('#foreach($x in [1, 2])$x$foreach.hasNext$velocityCount #end'), '1true1 2false2 ');
    assert.equal(text('#set($m = {"a": 1})#foreach($v in $m)$v#end [$v]'), '1 [1]');
    assert.equal(text('#define($d)D$context.eventType#end$d'), 'DMESSAGE');
    assert.equal(text('$input.json("$.data.list")'), '["a",1,null,true]');
    assert.equal(text('[$!missing][$missing]'), '[][]');
  });

  it('fails the same way on errors: a VtlError naming the reference and line', () => {
    const both = renderBoth('line one\n$context.connectionId.substring(99)', makeRequest());
    assert.deepEqual(both.compiled, both.interpreted);
    assert.match(
      (both.compiled as { error: string }).error,
      /^VtlError: StringIndexOutOfBoundsException: .* in \$context\.connectionId\.substring\(99\) \(line 2: /,
    );
  });
});

describe('VTL engine modes', () => {
  it('compiles at prepare() and names a template it keeps on velocityjs, once', () => {
    const lines: string[] = [];
    const engine = createVtlEngine({ log: (line) => lines.push(line) });
    engine.prepare?.('#macro(m)x#end#m()');
    engine.prepare?.('$context.connectionId');
    assert.equal(lines.length, 1);
    assert.match(lines[0] ?? '', /^VTL template kept on velocityjs \(block #macro\): "#macro\(m\)x#end#m\(\)"$/);
    assert.equal(engine.render('#macro(m)x#end#m()', makeRequest()), 'x');
    assert.equal(lines.length, 1);
  });

  it('prepare() of a template that does not parse leaves the error to render', () => {
    const engine = createVtlEngine();
    engine.prepare?.('#if(');
    assert.throws(() => engine.render('#if(', makeRequest()), /VTL syntax error/);
  });

  it('refuses an unknown engine mode, naming it', () => {
    assert.throws(
      () => createVtlEngine({ engine: 'fast' as 'compiled' }),
      /engine must be 'compiled' or 'interpreted', got "fast"/,
    );
  });
});

describe('compiled VTL on a deeply nested template', () => {
  it('leaves nesting past MAX_COMPILED_DEPTH to velocityjs (stack overflows must happen where velocityjs has them)', () => {
    const nested = (depth: number) => `${'#if(true)'.repeat(depth)}x${'#end'.repeat(depth)}`;
    assert.equal(unsupportedConstruct(nested(20)), undefined);
    assert.equal(unsupportedConstruct(nested(MAX_COMPILED_DEPTH)), `nesting deeper than ${MAX_COMPILED_DEPTH}`);
    const deepSum = `#set($x = ${'1 + '.repeat(MAX_COMPILED_DEPTH)}1)$x`;
    assert.equal(unsupportedConstruct(deepSum), `nesting deeper than ${MAX_COMPILED_DEPTH}`);
    for (const template of [nested(20), nested(MAX_COMPILED_DEPTH), deepSum]) {
      const both = renderBoth(template, makeRequest());
      assert.deepEqual(both.compiled, both.interpreted);
    }
  });
});
