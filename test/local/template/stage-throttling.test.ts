/** A stage's route throttles read from DefaultRouteSettings and RouteSettings, merged field by field. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkProperties, loadLocalTemplate, routeThrottles } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

const ROUTE_KEYS = ['$connect', '$default', 'sendmessage'];
const stageTemplate = (stageProperties: string) =>
  loadLocalTemplate(
    yamlTemplate(`
Resources:
  Api: { Type: AWS::ApiGatewayV2::Api, Properties: { Name: a, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action } }
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: prod
${stageProperties}
`),
    { ...STACK, baseDir: '/apps/chat' },
  );
const throttlesOf = (stageProperties: string) => {
  const template = stageTemplate(stageProperties);
  const apiId = template.physicalIds.get('Api')?.ref ?? '';
  return Object.fromEntries(routeThrottles(template, apiId, 'prod', ROUTE_KEYS));
};

describe('stage route throttles', () => {
  it('gives each route the default, overridden field by field per route, unset fields from the account limits', () => {
    assert.deepEqual(
      throttlesOf(`      DefaultRouteSettings: { ThrottlingBurstLimit: 50, ThrottlingRateLimit: 100.5 }
      RouteSettings:
        sendmessage: { ThrottlingBurstLimit: "5" }
        $connect: { ThrottlingRateLimit: 0 }`),
      {
        $connect: { rateLimit: 0, burstLimit: 50 },
        $default: { rateLimit: 100.5, burstLimit: 50 },
        sendmessage: { rateLimit: 100.5, burstLimit: 5 },
      },
    );
    assert.deepEqual(throttlesOf('      RouteSettings: { sendmessage: { ThrottlingRateLimit: 10 } }'), {
      sendmessage: { rateLimit: 10, burstLimit: 5000 },
    });
    assert.deepEqual(throttlesOf('      Description: no throttle'), {});
  });

  it('refuses values API Gateway refuses, naming the property, the value and the rule', () => {
    const cases: Array<[string, RegExp]> = [
      [
        '      DefaultRouteSettings: { ThrottlingBurstLimit: -1 }',
        /Resources\.Stage\.Properties\.DefaultRouteSettings\.ThrottlingBurstLimit: must be an integer >= 0, got -1/,
      ],
      [
        '      DefaultRouteSettings: { ThrottlingBurstLimit: 2.5 }',
        /DefaultRouteSettings\.ThrottlingBurstLimit: must be an integer >= 0, got 2\.5/,
      ],
      [
        '      RouteSettings: { $default: { ThrottlingRateLimit: fast } }',
        /RouteSettings\.\$default\.ThrottlingRateLimit: must be a number >= 0, got "fast"/,
      ],
      [
        '      RouteSettings: { nosuchroute: { ThrottlingRateLimit: 1 } }',
        /RouteSettings\.nosuchroute: Unable to find Route by key nosuchroute within the provided RouteSettings/,
      ],
      [
        '      RouteSettings: { __proto__: { ThrottlingRateLimit: 1 } }',
        /RouteSettings\.__proto__: Unable to find Route by key __proto__ within the provided RouteSettings/,
      ],
      ['      RouteSettings: [a]', /Properties\.RouteSettings: must be a mapping of route keys, got \["a"\]/],
      ['      DefaultRouteSettings: text', /Properties\.DefaultRouteSettings: must be a mapping, got "text"/],
    ];
    for (const [properties, expected] of cases) assert.throws(() => throttlesOf(properties), expected, properties);
  });

  it('warns only of what is not emulated beside the throttle: execution logging and detailed metrics', () => {
    const warned = (properties: string) => checkProperties(stageTemplate(properties)).warned;
    assert.deepEqual(
      warned(`      DefaultRouteSettings: { ThrottlingBurstLimit: 5, LoggingLevel: "OFF", DataTraceEnabled: false }
      RouteSettings: { $default: { ThrottlingRateLimit: 1, DetailedMetricsEnabled: false } }`),
      [],
    );
    assert.deepEqual(
      warned(`      DefaultRouteSettings: { ThrottlingBurstLimit: 5, LoggingLevel: INFO }
      RouteSettings: { $default: { DetailedMetricsEnabled: true } }`),
      [
        'Resources.Stage.Properties.DefaultRouteSettings (AWS::ApiGatewayV2::Stage): not emulated locally: execution logging and detailed metrics are not emulated (the throttle is)',
        'Resources.Stage.Properties.RouteSettings (AWS::ApiGatewayV2::Stage): not emulated locally: execution logging and detailed metrics are not emulated (the throttle is)',
      ],
    );
  });
});
