/**
 * Each defect of the original AWS sample, shown fixed on the generated template: VTL is rendered
 * with the API Gateway VTL engine and hostile input, not grepped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CfnObject } from '../../cfn/types.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { ROOT_RECORD_ATTRIBUTES } from '../support/session-record-fields.ts';
import { connectRequest, goldenTemplate, requestTemplate, resource } from './template-fixture.ts';

const template = goldenTemplate('template.yaml');
const engine = createVtlEngine();
const connectVtl = requestTemplate(template, 'ConnectIntegration', { SessionsTable: 'stack-Sessions' });

type Item = Record<string, { S?: string; N?: string; M?: Record<string, { S: string }> }>;
function putItem(request = connectRequest()): { TableName: string; Item: Item } {
  return JSON.parse(engine.render(connectVtl, request)) as { TableName: string; Item: Item };
}

describe('original sample defects, fixed', () => {
  it('TTL is epoch seconds one day after the request (the sample added 86400 to milliseconds)', () => {
    const requestTimeEpoch = 1_764_000_000_999;
    const { Item } = putItem(connectRequest({ requestTimeEpoch }));
    assert.equal(Item['ttl']!.N, String(Math.floor(requestTimeEpoch / 1000) + 86_400));
  });

  it('stores hostile header and query values as DynamoDB maps, byte for byte', () => {
    const hostile = '", "ttl": {"N": "1"}, "admin": {"BOOL": true}, "x": {"S": "\\ \n 😀 \u0001';
    const header = { Host: 'example.com', "X-Tick'Name": hostile, 'Ws-Uri': '/a/"b"' };
    const querystring = { my_query: hostile, 'k"ey': 'v\\' };
    const { Item } = putItem(connectRequest({ header, querystring }));
    assert.deepEqual(Object.fromEntries(Object.entries(Item['headers']!.M!).map(([k, v]) => [k, v.S])), header);
    assert.deepEqual(
      Object.fromEntries(Object.entries(Item['querystring']!.M!).map(([k, v]) => [k, v.S])),
      querystring,
    );
    assert.deepEqual(Object.keys(Item).sort(), ROOT_RECORD_ATTRIBUTES);
    assert.equal(Item['ttl']!.N, String(1_764_000_000 + 86_400));
  });

  it('reads the path from the path header in any case, never from a same-named query parameter', () => {
    const { Item } = putItem(
      connectRequest({ header: { 'Ws-Uri': '/ocpp/CP001' }, querystring: { 'ws-uri': '/spoofed' } }),
    );
    assert.equal(Item['path']!.S, '/ocpp/CP001');
  });

  it('passes message data to workflows as escaped JSON, including hostile strings and missing data', () => {
    const syncVtl = requestTemplate(template, 'SyncSfnIntegration', { SyncSfnStateMachine: 'arn:sync' });
    const asyncVtl = requestTemplate(template, 'AsyncSfnIntegration', { AsyncSfnStateMachine: 'arn:async' });
    const data = { text: 'He said "hi" \\ \n it\'s 😀', list: [1, null, true] };
    const message = { ...connectRequest(), body: JSON.stringify({ action: 'sync_sfn', data }) };
    const sync = JSON.parse(engine.render(syncVtl, message)) as { input: string; stateMachineArn: string };
    assert.deepEqual(JSON.parse(sync.input), data);
    assert.equal(sync.stateMachineArn, 'arn:sync');
    const started = JSON.parse(engine.render(asyncVtl, message)) as { input: string };
    assert.deepEqual(JSON.parse(started.input), { data, ConnectionID: 'L0SM9cOFvHcCIhw=' });
    const noData = JSON.parse(engine.render(syncVtl, { ...message, body: '{"action":"sync_sfn"}' })) as {
      input: string;
    };
    assert.deepEqual(JSON.parse(noData.input), {});
  });

  it('grants ManageConnections on the stage parameter, one action and one resource per statement', () => {
    const policies = resource(template, 'AsyncSfnStateMachineRole').Properties!['Policies'] as {
      PolicyDocument: { Statement: CfnObject[] };
    }[];
    const manage = policies[0]!.PolicyDocument.Statement.find((s) =>
      (s['Action'] as string[]).includes('execute-api:ManageConnections'),
    )!;
    assert.deepEqual(manage['Action'], ['execute-api:ManageConnections']);
    assert.deepEqual(manage['Resource'], [
      {
        'Fn::Sub':
          'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebSocketApi}/${ApiStageName}/POST/@connections/{connectionId}',
      },
    ]);
    for (const id of [
      'ConnectIntegrationRole',
      'DisconnectIntegrationRole',
      'SyncSfnIntegrationRole',
      'AsyncSfnIntegrationRole',
    ]) {
      const statements = (
        resource(template, id).Properties!['Policies'] as { PolicyDocument: { Statement: CfnObject[] } }[]
      )[0]!.PolicyDocument.Statement;
      assert.equal(statements.length, 1, id);
      assert.equal((statements[0]!['Action'] as string[]).length, 1, id);
      assert.equal((statements[0]!['Resource'] as unknown[]).length, 1, id);
    }
  });

  it('uses nodejs22.x with esbuild, cloudfront-js-2.0, TLSv1.2 to the origin and HTTPS-only viewers', () => {
    const fn = resource(template, 'DefaultFunction');
    assert.equal(fn.Properties!['Runtime'], 'nodejs22.x');
    assert.equal((fn.Metadata as { BuildMethod: string }).BuildMethod, 'esbuild');
    assert.equal(
      (resource(template, 'UriRewriteFunction').Properties!['FunctionConfig'] as CfnObject)['Runtime'],
      'cloudfront-js-2.0',
    );
    const config = resource(template, 'CloudFrontDistribution').Properties!['DistributionConfig'] as {
      Origins: { CustomOriginConfig: CfnObject }[];
      DefaultCacheBehavior: CfnObject;
    };
    assert.deepEqual(config.Origins[0]!.CustomOriginConfig['OriginSSLProtocols'], ['TLSv1.2']);
    assert.equal(config.DefaultCacheBehavior['ViewerProtocolPolicy'], 'https-only');
  });

  it('forwards Sec-WebSocket-Extensions, writes stage access logs and scopes the Lambda permission', () => {
    const policy = resource(template, 'WebSocketOriginRequestPolicy').Properties!['OriginRequestPolicyConfig'] as {
      HeadersConfig: { Headers: string[] };
    };
    assert.ok(policy.HeadersConfig.Headers.includes('Sec-WebSocket-Extensions'));
    const stage = resource(template, 'Stage').Properties!;
    assert.deepEqual((stage['AccessLogSettings'] as CfnObject)['DestinationArn'], {
      'Fn::GetAtt': ['AccessLogGroup', 'Arn'],
    });
    assert.deepEqual(resource(template, 'DefaultFunctionPermission').Properties!['SourceArn'], {
      'Fn::Sub':
        'arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${WebSocketApi}/${ApiStageName}/$default',
    });
  });

  it('catches ApiGateway.410 in the async workflow and retries throttling and 5xx', () => {
    const definition = resource(template, 'AsyncSfnStateMachine').Properties!['Definition'] as {
      States: Record<
        string,
        { Catch?: { ErrorEquals: string[]; Next: string }[]; Retry?: { ErrorEquals: string[] }[] }
      >;
    };
    const notify = definition.States['Notify Client']!;
    assert.deepEqual(
      notify.Catch!.map((c) => c.ErrorEquals),
      [['ApiGateway.410']],
    );
    assert.ok(notify.Retry![0]!.ErrorEquals.includes('ApiGateway.500'));
    assert.ok(definition.States[notify.Catch![0]!.Next], 'the catch target exists');
  });

  it('deploys only after every route, integration and response exists', () => {
    const deployed = Object.entries(template.Resources)
      .filter(([, r]) => r.Type.startsWith('AWS::ApiGatewayV2::') && /Route|Integration/.test(r.Type))
      .map(([id]) => id)
      .sort();
    const [deploymentId, deployment] = Object.entries(template.Resources).find(
      ([, r]) => r.Type === 'AWS::ApiGatewayV2::Deployment',
    )!;
    assert.deepEqual([...deployment.DependsOn!].sort(), deployed);
    assert.deepEqual(resource(template, 'Stage').Properties!['DeploymentId'], { Ref: deploymentId });
  });

  it('indexes the charge point ID from the path, and omits it when the path has none', () => {
    const points = goldenTemplate('examples/charge-points/template.yaml');
    const vtl = requestTemplate(points, 'ConnectIntegration', { SessionsTable: 'cp-Sessions' });
    const withId = JSON.parse(engine.render(vtl, connectRequest({ header: { 'Ws-Uri': '/ocpp/CP"001' } }))) as {
      Item: Item;
    };
    assert.equal(withId.Item['chargePointId']!.S, 'CP"001');
    const withoutId = JSON.parse(engine.render(vtl, connectRequest({ header: { 'Ws-Uri': '/ocpp' } }))) as {
      Item: Item;
    };
    assert.equal(withoutId.Item['chargePointId'], undefined);
  });
});
