/** One evaluator for route and template selection expressions: the same key for the same expression and body. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileSelectionExpression } from '../../../lang/selection/index.ts';
import { selectRequestTemplate } from '../../../lang/vtl/index.ts';
import { evaluateRouteSelection } from '../../../local/api/index.ts';

const keyOf = (expression: string, body: string) => compileSelectionExpression(expression).keyFor(JSON.parse(body));

describe('selection expressions', () => {
  it('prints strings as themselves, arrays Java-style, objects as JSON, numbers and booleans as text', () => {
    assert.equal(keyOf('${request.body.a}', '{"a":"join"}'), 'join');
    assert.equal(keyOf('${request.body.a}', '{"a":["item1","item2"]}'), '[item1, item2]');
    assert.equal(keyOf('${request.body.a}', '{"a":[1,[true,null],"x y"]}'), '[1, [true, ], x y]');
    assert.equal(keyOf('${request.body.a}', '{"a":{"k":1}}'), '{"k":1}');
    assert.equal(keyOf('${request.body.a}-${request.body.b}', '{"a":2,"b":false}'), '2-false');
  });

  it('prints a missing part or a null as "" and keeps the rest of the key', () => {
    assert.equal(keyOf('${request.body.action}-${request.body.invalidPath}', '{"action":"join"}'), 'join-');
    assert.equal(keyOf('kind:${request.body.meta.kind}', '{"meta":null}'), 'kind:');
    assert.equal(keyOf('kind:${request.body.meta.kind}', '{"meta":{"kind":null}}'), 'kind:');
  });

  it('reads bare and braced parts, bracket paths and a literal \\$', () => {
    assert.equal(keyOf('$request.body.a.b', '{"a":{"b":"x"}}'), 'x');
    assert.equal(keyOf("${request.body['a b']}", '{"a b":"spaced"}'), 'spaced');
    assert.equal(keyOf('$request.body.list[1]', '{"list":["a","b"]}'), 'b');
    assert.equal(keyOf('\\$default', '{}'), '$default');
    assert.equal(compileSelectionExpression('\\$default').staticKey, '$default');
    assert.equal(compileSelectionExpression('${request.body.a}').staticKey, undefined);
  });

  it("never reads the prototype: a message's constructor, __proto__ or toString are data or nothing", () => {
    assert.equal(keyOf('$request.body.constructor', '{}'), '');
    assert.equal(keyOf('$request.body.toString', '{"a":1}'), '');
    assert.equal(keyOf('$request.body.__proto__', '{"__proto__":"own"}'), 'own');
    assert.equal(keyOf('$request.body.a.length', '{"a":"abc"}'), '', 'a string has no properties to select');
    assert.equal(keyOf('$request.body.action', '[2,"id","Heartbeat",{}]'), '');
    assert.equal(keyOf('$request.body.action', '"hello"'), '');
  });

  it('gives route selection and template selection the same key for the same expression and body', () => {
    const cases: Array<[string, string]> = [
      ['${request.body.action}', '{"action":["a","b"]}'],
      ['${request.body.action}-${request.body.missing}', '{"action":"join"}'],
      ['${request.body.v}', '{"v":1}'],
      ['${request.body.o}', '{"o":{"x":[1,2]}}'],
    ];
    for (const [expression, body] of cases) {
      const routeKey = evaluateRouteSelection(expression, body)!;
      assert.equal(
        selectRequestTemplate({ [routeKey]: 'SELECTED', $default: 'DEFAULT' }, expression, body),
        'SELECTED',
        `${expression} on ${body} → ${routeKey}`,
      );
    }
  });
});
