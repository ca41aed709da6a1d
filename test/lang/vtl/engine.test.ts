import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VtlError, createVtlEngine } from '../../../lang/vtl/index.ts';
import { makeRequest } from './request.ts';

const render = (template: string, request = makeRequest()) => createVtlEngine().render(template, request);

describe('VTL engine: $context and arithmetic', () => {
  it('adds integers to requestTimeEpoch as numbers', () => {
    assert.equal(render('#set($ttl = $context.requestTimeEpoch + 86400)$ttl'), '1700000086523');
  });

  it('truncates integer division like Java long division', () => {
    assert.equal(render('#set($s = $context.requestTimeEpoch / 1000)$s'), '1700000000');
  });

  it('truncates toward zero for negative quotients', () => {
    assert.equal(render('#set($a = -7)#set($q = $a / 2)$q'), '-3');
  });

  it('keeps float division for decimals', () => {
    assert.equal(render('#set($q = 7.5 / 2)$q'), '3.75');
  });

  it('keeps % and * integral', () => {
    assert.equal(render('#set($r = $context.requestTimeEpoch % 1000)#set($m = $r * 3)$r|$m'), '123|369');
  });

  it('renders division by zero as null (an undefined reference)', () => {
    assert.equal(render('#set($q = 1 / 0)[$q]'), '[]');
  });

  it('concatenates with + when one side is a string', () => {
    assert.equal(render('#set($k = "conn#" + $context.connectionId)$k'), 'conn#VNRUSeldSwMCIRQ=');
  });

  it('reads nested $context objects', () => {
    assert.equal(render('$context.identity.sourceIp $context.eventType'), '203.0.113.7 MESSAGE');
  });

  it("does not let #set change the caller's context object", () => {
    const request = makeRequest();

    render('#set($context.identity.sourceIp = "changed")', request);

    assert.deepEqual(request.context.identity, { sourceIp: '203.0.113.7' });
  });

  it('reads $stageVariables', () => {
    assert.equal(render('$stageVariables.table', makeRequest({ stageVariables: { table: 'Sessions' } })), 'Sessions');
  });
});

describe('VTL engine: Velocity semantics', () => {
  it('runs #if/#elseif/#else', () => {
    assert.equal(render('#set($n = 2)#if($n == 1)one#elseif($n == 2)two#else other#end'), 'two');
  });

  it('treats only null and false as false in #if (an empty string is true)', () => {
    assert.equal(render('#if("")a#end#if(0)b#end#if($nothing)c#end#if(false)d#end#if(!$nothing)e#end'), 'abe');
  });

  it('compares mixed types by their text with ==', () => {
    assert.equal(render('#if("1" == 1)same#end#if("" == 0)wrong#end'), 'same');
  });

  it('runs #foreach with $foreach.hasNext', () => {
    assert.equal(render('#foreach($x in ["a", "b", "c"])$x#if($foreach.hasNext),#end#end'), 'a,b,c');
  });

  it('prints maps and lists like Java toString()', () => {
    assert.equal(render('#set($m = {"a": "b", "c": [1, "d", {"e": true}]})$m'), '{a=b, c=[1, d, {e=true}]}');
  });

  it("never prints velocityjs's eval property after a method call on a map", () => {
    const request = makeRequest({ body: '{"a":1}' });

    const out = render('#set($m = $input.path("$"))$m.hasOwnProperty("a")$m.toString()|$m|$m.keySet()', request);

    assert.equal(out, '{a=1}|{a=1}|[a]');
  });
});

describe('VTL engine: undefined references', () => {
  it('never reaches JavaScript members by name', () => {
    assert.equal(render('[$toString][$hasOwnProperty][$context.toString][$input.invoke]'), '[][][][]');
  });

  const template = '[$missing][$!missing][$context.nope][$input.path("$.x")]';

  it('renders them as empty text by default (API Gateway)', () => {
    assert.equal(createVtlEngine().render(template, makeRequest({ body: '{}' })), '[][][][]');
  });

  it('renders them literally with undefinedReferences: literal, except quiet refs', () => {
    const engine = createVtlEngine({ undefinedReferences: 'literal' });

    const out = engine.render(template, makeRequest({ body: '{}' }));

    assert.equal(out, '[$missing][][$context.nope][$input.path("$.x")]');
  });

  it('rejects an unknown option value', () => {
    assert.throws(() => createVtlEngine({ undefinedReferences: 'blank' as 'empty' }), {
      name: 'TypeError',
      message: "createVtlEngine: undefinedReferences must be 'empty' or 'literal', got \"blank\"",
    });
  });
});

describe('VTL engine: errors', () => {
  it('gives a VtlError with the line for a syntax error', () => {
    assert.throws(
      () => render('{\n#set($a = )\n}'),
      (e: unknown) => {
        assert.ok(e instanceof VtlError);
        assert.equal(
          e.message,
          "VTL syntax error at line 2: #set($a = ): Expecting 'PARENTHESIS', 'DOLLAR', 'MAP_BEGIN', '-', '!', 'BOOL', 'BRACKET', 'INTEGER', 'STRING', 'EVAL_STRING', got 'CLOSE_PARENTHESIS'",
        );
        return true;
      },
    );
  });

  it('rejects a block without #end (velocityjs would duplicate the text)', () => {
    assert.throws(() => render('a\n#if($x)\nb'), {
      name: 'VtlError',
      message: 'VTL syntax error: block directive without #end at line 2: #if($x)',
    });
  });

  it('rejects an extra #end (velocityjs would drop the rest)', () => {
    assert.throws(() => render('a #end b'), {
      name: 'VtlError',
      message: 'VTL syntax error: #end without a matching #if, #foreach, #macro or #define',
    });
  });

  it('renders the same cached template again with new data', () => {
    const engine = createVtlEngine();
    const template = '$input.body';

    const first = engine.render(template, makeRequest({ body: 'one' }));
    const second = engine.render(template, makeRequest({ body: 'two' }));

    assert.deepEqual([first, second], ['one', 'two']);
  });
});
