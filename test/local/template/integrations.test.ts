import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  apiFromTemplate,
  integrationsFromTemplate,
  loadLocalTemplate,
  parseIntegrationUri,
} from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, load, rawTemplate, readTemplate } from './fixtures.ts';

describe('integration wiring', () => {
  it('joins every route to its integration, route responses and integration responses', () => {
    const template = load(TEMPLATE_FILES.main);
    const raw = rawTemplate(TEMPLATE_FILES.main).Resources;
    const routes = integrationsFromTemplate(template);
    const routeKeysInTemplate = Object.values<any>(raw)
      .filter((r) => r.Type === 'AWS::ApiGatewayV2::Route')
      .map((r) => r.Properties.RouteKey);
    assert.deepEqual(
      routes.map((r) => r.routeKey),
      routeKeysInTemplate,
    );

    const connect = routes.find((r) => r.routeKey === '$connect')!;
    assert.equal(connect.integration.logicalId, 'ConnectIntegration');
    assert.equal(connect.integration.integrationId, template.physicalIds.get('ConnectIntegration')?.ref);
    assert.deepEqual(connect.integration.target, { kind: 'aws-service', service: 'dynamodb', action: 'PutItem' });
    assert.equal(
      connect.integration.credentialsArn,
      template.physicalIds.get('ConnectIntegrationRole')?.attributes['Arn'],
    );
    assert.equal(
      connect.integration.templateSelectionExpression,
      raw.ConnectIntegration.Properties.TemplateSelectionExpression,
    );
    assert.equal(connect.integration.passthroughBehavior, 'NEVER');
    assert.equal(connect.integration.timeoutInMillis, 29000);
    assert.deepEqual(Object.keys(connect.integration.requestTemplates), ['$default']);
    assert.equal(connect.hasRouteResponse, false);
    assert.deepEqual(
      connect.integrationResponses.map((r) => r.key),
      [raw.ConnectIntegrationResponse.Properties.IntegrationResponseKey],
    );

    const sync = routes.find((r) => r.routeKey === 'sync_sfn')!;
    assert.deepEqual(sync.integration.target, { kind: 'aws-service', service: 'states', action: 'StartSyncExecution' });
    assert.equal(sync.hasRouteResponse, true);
    assert.deepEqual(sync.routeResponseKeys, ['$default']);
    assert.deepEqual(routes.find((r) => r.routeKey === '$default')?.integrationResponses, []);
  });

  it('refuses a PassthroughBehavior outside the closed set, naming the property, value and allowed values', () => {
    const text = readTemplate(TEMPLATE_FILES.main).replace('PassthroughBehavior: NEVER', 'PassthroughBehavior: never');
    assert.throws(() => integrationsFromTemplate(loadLocalTemplate(text, STACK)), {
      name: 'TemplateError',
      message:
        'Resources.ConnectIntegration.Properties.PassthroughBehavior: must be one of WHEN_NO_MATCH, WHEN_NO_TEMPLATES, NEVER, got "never"',
    });
  });

  it('describes the API and its stage', () => {
    const api = apiFromTemplate(load(TEMPLATE_FILES.chargePoints, { apiId: 'a1b2c3d4e5' }));
    const stage = rawTemplate(TEMPLATE_FILES.chargePoints).Parameters.ApiStageName.Default;
    assert.deepEqual(api, {
      logicalId: 'WebSocketApi',
      apiId: 'a1b2c3d4e5',
      name: `${STACK.stackName}-WebSocketApi`,
      routeSelectionExpression: '$request.body.action',
      stageNames: [stage],
      // The edge's accepted secrets: the loader's stand-in for the NoEcho OriginSecret, and no previous one.
      stageVariables: {
        [stage]: {
          originSecrets: `${createHash('sha256').update(`secret/${STACK.stackName}/OriginSecret`).digest('hex')},`,
        },
      },
    });
  });

  it('parses the three IntegrationUri forms and rejects others naming the integration', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:f';
    assert.deepEqual(
      parseIntegrationUri(`arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`, 'I'),
      { kind: 'lambda', functionArn: fn },
    );
    assert.deepEqual(parseIntegrationUri(fn, 'I'), { kind: 'lambda', functionArn: fn });
    assert.deepEqual(parseIntegrationUri('arn:aws:apigateway:us-east-1:sqs:action/SendMessage', 'I'), {
      kind: 'aws-service',
      service: 'sqs',
      action: 'SendMessage',
    });
    assert.deepEqual(parseIntegrationUri('https://example.com/hook', 'I'), {
      kind: 'http',
      url: 'https://example.com/hook',
    });
    assert.throws(
      () => parseIntegrationUri('arn:aws:apigateway:us-east-1:s3:path/bucket/key', 'Upload'),
      /Resources\.Upload\.Properties\.IntegrationUri: "arn:aws:apigateway:us-east-1:s3:path\/bucket\/key" is not a Lambda invocation URI/,
    );
  });
});
