/** The outputs the smoke steps derive from: a stack lacking one is refused with the key named; bad values are named. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { missingSmokePlan, parseStackOutputs, routeMessage, SMOKE_PLAN_KEYS } from '../../smoke/outputs.ts';
import { DEFAULT_SMOKE_SETTINGS } from '../../smoke/settings.ts';
import { defineSmokeSuite } from '../../smoke/suite.ts';

const complete = {
  APIEndpoint: 'wss://abc.execute-api.eu-west-1.amazonaws.com/api',
  ConnectionsEndpoint: 'https://abc.execute-api.eu-west-1.amazonaws.com/api',
  Sessions: 'sessions',
  Region: 'eu-west-1',
  SmokeRoutes:
    '[{"key":"$default","kind":"lambda","reply":true},{"key":"later","kind":"standard","reply":true,"workflow":"wait-then-notify","notify":"hi"}]',
  RouteSelectionExpression: '$request.body.op',
  SessionTtlSeconds: '1234',
  StoredFields: 'none',
};

describe('smoke plan outputs', () => {
  it('parses the plan: routes, TTL, stored fields, no edge', () => {
    const outputs = parseStackOutputs(complete, 'test');
    assert.equal(outputs.Distribution, undefined);
    assert.equal(outputs.SessionTtlSeconds, 1234);
    assert.deepEqual(outputs.StoredFields, []);
    assert.deepEqual(outputs.SmokeRoutes?.[1], {
      key: 'later',
      kind: 'standard',
      reply: true,
      workflow: 'wait-then-notify',
      notify: 'hi',
    });
    assert.deepEqual(missingSmokePlan(outputs), []);
  });

  for (const key of SMOKE_PLAN_KEYS) {
    it(`refuses a stack without ${key}, naming it`, () => {
      const outputs = parseStackOutputs({ ...complete, [key]: undefined }, 'test');
      assert.deepEqual(missingSmokePlan(outputs), [
        `${key}: missing from the stack outputs (the smoke steps are derived from it; regenerate the template with \`npm run generate\`)`,
      ]);
      assert.throws(
        () => defineSmokeSuite(outputs, DEFAULT_SMOKE_SETTINGS),
        new RegExp(`^Error: stack outputs:\\n  ${key}: missing from the stack outputs`),
      );
    });
  }

  const hostile: Array<[string, string, RegExp]> = [
    ['SmokeRoutes', 'not json', /SmokeRoutes: must be a JSON array of routes \(got "not json"\)/],
    ['SmokeRoutes', '{"key":"x"}', /SmokeRoutes: must be a JSON array/],
    [
      'SmokeRoutes',
      '[{"key":"x","kind":"shell","reply":true}]',
      /SmokeRoutes\[0\]: must be \{key, kind \(lambda\|express\|standard\|dynamodb\|sendToIdentity\)/,
    ],
    ['SmokeRoutes', '[{"key":"","kind":"lambda","reply":true}]', /SmokeRoutes\[0\]:/],
    ['SmokeRoutes', '[{"key":"x","kind":"lambda","reply":"yes"}]', /SmokeRoutes\[0\]:/],
    ['SmokeRoutes', '[{"key":"x","kind":"express","reply":true,"workflow":"rm -rf"}]', /SmokeRoutes\[0\]:/],
    ['SessionTtlSeconds', '0', /SessionTtlSeconds: must be a positive whole number of seconds \(got "0"\)/],
    ['SessionTtlSeconds', '1e3', /SessionTtlSeconds: must be a positive whole number/],
    ['StoredFields', 'path,,headers', /StoredFields: must be "none" or a comma-separated list/],
    ['RouteSelectionExpression', '$request.body.a[0]', /RouteSelectionExpression: must be \$request\.body\.<field>/],
    ['RouteSelectionExpression', '${jndi}', /RouteSelectionExpression:/],
  ];
  for (const [key, value, message] of hostile) {
    it(`names a bad ${key} (${value})`, () => {
      assert.throws(() => parseStackOutputs({ ...complete, [key]: value }, 'test'), message);
    });
  }

  it('builds a route message at the selection field, nested fields included', () => {
    const outputs = parseStackOutputs({ ...complete, RouteSelectionExpression: '$request.body.meta.op' }, 'test');
    assert.deepEqual(JSON.parse(routeMessage(outputs, 'later', 'x')), { data: 'x', meta: { op: 'later' } });
  });
});
