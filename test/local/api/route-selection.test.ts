import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createSelectionExpressionCache } from '../../../lang/selection/index.ts';
import { createApiGatewayService, evaluateRouteSelection } from '../../../local/api/index.ts';
import { createVtlEngine } from '../../../lang/vtl/index.ts';

describe('route selection expression', () => {
  it('reads $request.body paths, braced or not', () => {
    assert.equal(evaluateRouteSelection('$request.body.action', '{"action":"join"}'), 'join');
    assert.equal(evaluateRouteSelection('${request.body.action}', '{"action":"join"}'), 'join');
    assert.equal(evaluateRouteSelection('$request.body.meta.kind', '{"meta":{"kind":"x"}}'), 'x');
  });

  it('combines parts and static text, with "" for a missing path (doc example join-)', () => {
    assert.equal(
      evaluateRouteSelection('${request.body.service}/${request.body.action}', '{"service":"chat","action":"join"}'),
      'chat/join',
    );
    assert.equal(
      evaluateRouteSelection('${request.body.action}-${request.body.invalidPath}', '{"action":"join"}'),
      'join-',
    );
    assert.equal(evaluateRouteSelection('${request.body.version}-beta', '{"version":2}'), '2-beta');
  });

  it('treats \\$ as a literal dollar', () => {
    assert.equal(evaluateRouteSelection('\\$default', '{}'), '$default');
  });

  it('stringifies arrays Java-style and gives "" for non-object JSON', () => {
    assert.equal(evaluateRouteSelection('$request.body.action', '{"action":["item1","item2"]}'), '[item1, item2]');
    assert.equal(evaluateRouteSelection('$request.body.action', '[2,"id","Heartbeat",{}]'), '');
    assert.equal(evaluateRouteSelection('$request.body.action', '"hello"'), '');
    assert.equal(evaluateRouteSelection('$request.body.action', '{"action":null}'), '');
  });

  it('gives undefined (route to $default) for text that is not JSON', () => {
    assert.equal(evaluateRouteSelection('$request.body.action', 'hello'), undefined);
  });

  it('selects the same keys through a gateway cache, compiling each expression once', () => {
    const cache = createSelectionExpressionCache();
    const compiled: string[] = [];
    const counting = (expression: string) => {
      compiled.push(expression);
      return cache(expression);
    };
    const cases: Array<[string, string]> = [
      ['$request.body.action', '{"action":"join"}'],
      ['${request.body.service}/${request.body.action}', '{"service":"chat","action":"join"}'],
      ['$request.body.action', '{"action":["item1","item2"]}'],
      ['$request.body.action', 'not json'],
      ['${request.body.service}/${request.body.action}', '{"action":"leave"}'],
    ];
    for (const [expression, message] of cases)
      assert.equal(
        evaluateRouteSelection(expression, message, counting),
        evaluateRouteSelection(expression, message),
        `${expression} on ${message}`,
      );
    // Text that is not JSON never reaches the expression; the cache answers one compiled object per text.
    assert.equal(compiled.length, 4);
    assert.equal(cache('$request.body.action'), cache('$request.body.action'));
  });
});

describe('createApiGatewayService options', () => {
  it('names every invalid field, its value and the rule', () => {
    const backends = {
      invokeLambda: async () => ({ kind: 'timeout' as const }),
      callAwsService: async () => ({ statusCode: 200, headers: {}, body: '' }),
      buildEvent: { connect: () => ({}), message: () => ({}), disconnect: () => ({}) },
    };
    const target = { kind: 'lambda' as const, functionArn: 'fn' };
    assert.throws(
      () =>
        createApiGatewayService({
          stage: 'bad stage',
          apiId: 'a',
          region: 'us-east-1',
          routeSelectionExpression: '$request.body.action',
          backends,
          vtl: createVtlEngine(),
          limits: { idleTimeoutMs: -1 },
          routes: [
            { routeKey: '$default', hasRouteResponse: true, integration: { type: 'AWS_PROXY', target } },
            { routeKey: '$default', hasRouteResponse: true, integration: { type: 'AWS_PROXY', target } },
          ],
        }),
      (error: Error) => {
        assert.ok(error instanceof TypeError);
        assert.match(error.message, /stage: "bad stage" must be 1-128 characters/);
        assert.match(error.message, /limits\.idleTimeoutMs: -1 must be a positive integer/);
        assert.match(error.message, /routes\[1\]\.routeKey: "\$default" is defined twice/);
        return true;
      },
    );
  });
});
