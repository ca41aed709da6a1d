/** What the connect features generate: authorization on $connect, identity sources, the edge function, outputs. */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';
import { resource } from './template-fixture.ts';

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };
const handlers = new Map([
  ['$default', handler],
  ['$authorizer', handler],
  ['$connect', handler],
  ['send', handler],
  ['$sendToIdentity', handler],
]);
const routes = { $default: { integration: 'lambda' as const, handler: 'handlers/default.ts' } };

function generate(input: WsConfigInput): CfnTemplate {
  return JSON.parse(JSON.stringify(generateTemplate(parseConfig(input), { handlers }))) as CfnTemplate;
}

/** Runs the generated CloudFront Function on a viewer request, as the runtime would (JSON in, JSON out). */
function viewerRequest(
  template: CfnTemplate,
  uri: string,
  headers: Record<string, { value: string }>,
): Record<string, unknown> {
  const code = resource(template, 'UriRewriteFunction').Properties!['FunctionCode'] as string;
  const context = vm.createContext(Object.create(null));
  vm.runInContext(code, context);
  context['__event'] = JSON.parse(
    JSON.stringify({ request: { method: 'GET', uri, headers, querystring: {}, cookies: {} } }),
  );
  return JSON.parse(vm.runInContext('JSON.stringify(handler(__event))', context) as string) as Record<string, unknown>;
}

describe('connect features in the generated template', () => {
  it('REQUEST behind the edge: the authorizer reads the copy of Authorization, which the edge makes and forwards', () => {
    const template = generate({ routes, connect: { authorization: { type: 'REQUEST', handler: 'auth.ts' } } });
    assert.deepEqual(resource(template, 'ConnectRoute').Properties!['AuthorizationType'], 'CUSTOM');
    assert.deepEqual(resource(template, 'ConnectRoute').Properties!['AuthorizerId'], { Ref: 'ConnectAuthorizer' });
    // The edge's secret header is an identity source too: without it API Gateway answers 401 before the authorizer runs.
    assert.deepEqual(resource(template, 'ConnectAuthorizer').Properties!['IdentitySource'], [
      'route.request.header.ws-authorization',
      'route.request.header.x-origin-verify',
    ]);
    const environment = (resource(template, 'ConnectAuthorizerFunction').Properties!['Environment'] as CfnObject)[
      'Variables'
    ] as CfnObject;
    assert.equal(environment['PATH_HEADER'], 'ws-uri');
    assert.equal(environment['ORIGIN_SECRET_HEADER'], 'x-origin-verify');
    assert.equal(environment['IDENTITY_PATH_PATTERN'], undefined);
    const policy = resource(template, 'WebSocketOriginRequestPolicy').Properties![
      'OriginRequestPolicyConfig'
    ] as CfnObject;
    assert.ok(((policy['HeadersConfig'] as CfnObject)['Headers'] as string[]).includes('ws-authorization'));
    const request = viewerRequest(template, '/any/path', { authorization: { value: 'Basic abc' } });
    assert.deepEqual((request['headers'] as Record<string, unknown>)['ws-authorization'], { value: 'Basic abc' });
    assert.equal(template.Outputs?.['Authorization']?.Value, 'REQUEST');
  });

  it('REQUEST without the edge reads Authorization itself; query-string sources pass through', () => {
    const template = generate({
      routes,
      sessions: { store: { path: false } },
      edge: { enabled: false },
      connect: {
        authorization: {
          type: 'REQUEST',
          handler: 'auth.ts',
          identitySources: [
            { from: 'header', name: 'Authorization' },
            { from: 'query', name: 'token' },
          ],
        },
      },
    });
    assert.deepEqual(resource(template, 'ConnectAuthorizer').Properties!['IdentitySource'], [
      'route.request.header.Authorization',
      'route.request.querystring.token',
    ]);
  });

  it('AWS_IAM marks $connect and creates no authorizer', () => {
    const template = generate({
      routes,
      sessions: { store: { path: false } },
      edge: { enabled: false },
      connect: { authorization: { type: 'AWS_IAM' } },
    });
    assert.equal(resource(template, 'ConnectRoute').Properties!['AuthorizationType'], 'AWS_IAM');
    assert.equal(template.Resources['ConnectAuthorizer'], undefined);
    assert.equal(template.Outputs?.['Authorization']?.Value, 'AWS_IAM');
  });

  it('the identity path pattern: indexed attribute, 404 at the edge outside the pattern, the backend function, outputs', () => {
    const template = generate({
      routes: {
        ...routes,
        send: { integration: 'sendToIdentity', allowWhen: { contextKey: 'role', equals: 'operator' } },
      },
      sessions: { identity: { pathPattern: '/ocpp/v1.6/{chargePointId}' } },
      connect: { authorization: { type: 'REQUEST', handler: 'auth.ts', contextKeys: ['chargePointId', 'role'] } },
    });
    const table = resource(template, 'SessionsTable').Properties!;
    assert.deepEqual(
      (table['GlobalSecondaryIndexes'] as CfnObject[]).map((gsi) => gsi['IndexName']),
      ['ByIdentity'],
    );
    assert.equal(viewerRequest(template, '/ocpp/v1.6/CP001', {})['uri'], '/');
    for (const refused of [
      '/ocpp/v1x6/CP001',
      '/ocpp/v1.6/',
      '/ocpp/v1.6/CP001/',
      '/ocpp/v1.6/CP001/extra',
      '/ocpp/v1.6/..',
      '/',
    ]) {
      assert.equal(viewerRequest(template, refused, {})['statusCode'], 404, refused);
    }
    assert.equal(template.Outputs?.['IdentityPathPattern']?.Value, '/ocpp/v1.6/{chargePointId}');
    assert.equal(template.Outputs?.['SendToIdentityRoute']?.Value, 'send');
    assert.deepEqual(template.Outputs?.['SendToIdentityFunction']?.Value, { Ref: 'SendToIdentityFunction' });
    const routeEnvironment = (resource(template, 'SendFunction').Properties!['Environment'] as CfnObject)[
      'Variables'
    ] as CfnObject;
    assert.equal(routeEnvironment['IDENTITY_ATTRIBUTE'], 'chargePointId');
    assert.equal(routeEnvironment['IDENTITY_INDEX'], 'ByIdentity');
    assert.equal(routeEnvironment['ALLOW_WHEN_CONTEXT_KEY'], 'role');
    assert.equal(routeEnvironment['ALLOW_WHEN_EQUALS'], 'operator');
    const backend = resource(template, 'SendToIdentityFunction').Properties!;
    const backendEnvironment = (backend['Environment'] as CfnObject)['Variables'] as CfnObject;
    assert.equal(backendEnvironment['ALLOW_WHEN_CONTEXT_KEY'], undefined);
    assert.equal(backendEnvironment['IDENTITY_INDEX'], 'ByIdentity');
    // Backends invoke it with IAM: no permission lets API Gateway (or anyone else) invoke it.
    const permissions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Permission');
    assert.ok(
      permissions.every(
        (p) => JSON.stringify(p.Properties!['FunctionName']) !== JSON.stringify({ Ref: 'SendToIdentityFunction' }),
      ),
    );
    const authorizerEnvironment = (
      resource(template, 'ConnectAuthorizerFunction').Properties!['Environment'] as CfnObject
    )['Variables'] as CfnObject;
    assert.equal(authorizerEnvironment['IDENTITY_PATH_PATTERN'], '/ocpp/v1.6/{chargePointId}');
  });

  it('only the edge reaches the API: NoEcho secret parameters, the origin custom header, the stage variable, no secret text', () => {
    const template = generate({ routes });
    assert.deepEqual(template.Parameters!['OriginSecret'], {
      Type: 'String',
      NoEcho: true,
      AllowedPattern: '^[A-Za-z0-9_-]{32,128}$',
      ConstraintDescription: '32-128 letters, digits, - or _',
      Description:
        'Secret header value CloudFront sends to the API; $connect refuses connections without it (e.g. openssl rand -hex 32)',
    });
    assert.equal(template.Parameters!['OriginSecretPrevious']!.NoEcho, true);
    assert.equal(template.Parameters!['OriginSecretPrevious']!.Default, '');
    const origin = (
      (resource(template, 'CloudFrontDistribution').Properties!['DistributionConfig'] as CfnObject)[
        'Origins'
      ] as CfnObject[]
    )[0]!;
    assert.deepEqual(origin['OriginCustomHeaders'], [
      { HeaderName: 'x-origin-verify', HeaderValue: { Ref: 'OriginSecret' } },
    ]);
    const accepted = { 'Fn::Join': [',', [{ Ref: 'OriginSecret' }, { Ref: 'OriginSecretPrevious' }]] };
    assert.deepEqual(resource(template, 'Stage').Properties!['StageVariables'], { originSecrets: accepted });
    assert.equal(template.Outputs?.['DirectAccess']?.Value, 'refused');

    const direct = generate({ routes, edge: { allowDirectAccess: true } });
    assert.equal(direct.Parameters!['OriginSecret'], undefined);
    assert.equal(resource(direct, 'Stage').Properties!['StageVariables'], undefined);
    assert.equal(JSON.stringify(direct).includes('x-origin-verify'), false);
    assert.equal(direct.Outputs?.['DirectAccess']?.Value, 'allowed');
    assert.equal(
      generate({ routes, sessions: { store: { path: false } }, edge: { enabled: false } }).Outputs?.['DirectAccess'],
      undefined,
    );
  });

  it('allowed origins: Origin forwarded, the edge answers 403 to another origin, a client without Origin passes', () => {
    const template = generate({
      routes,
      connect: { allowedOrigins: ['https://app.example.com', 'http://localhost:5173'] },
    });
    const policy = resource(template, 'WebSocketOriginRequestPolicy').Properties![
      'OriginRequestPolicyConfig'
    ] as CfnObject;
    assert.ok(((policy['HeadersConfig'] as CfnObject)['Headers'] as string[]).includes('Origin'));
    assert.equal(viewerRequest(template, '/', { origin: { value: 'https://app.example.com' } })['uri'], '/');
    assert.equal(viewerRequest(template, '/', {})['uri'], '/');
    for (const origin of [
      'https://evil.example.com',
      'https://app.example.com.evil.net',
      'null',
      'HTTPS://APP.EXAMPLE.COM',
      'http://localhost:5174',
    ]) {
      assert.deepEqual(
        viewerRequest(template, '/', { origin: { value: origin } }),
        { statusCode: 403, statusDescription: 'Forbidden' },
        origin,
      );
    }
    assert.equal(template.Outputs?.['AllowedOrigins']?.Value, 'https://app.example.com,http://localhost:5173');
  });

  it('subprotocols: a $connect Lambda that may only put session records, and the Subprotocols output', () => {
    const template = generate({ routes, connect: { subprotocols: ['ocpp2.0.1', 'ocpp1.6'] } });
    const properties = resource(template, 'ConnectFunction').Properties!;
    assert.deepEqual(properties['Policies'], [
      {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [{ 'Fn::GetAtt': ['SessionsTable', 'Arn'] }] },
        ],
      },
    ]);
    assert.equal(
      ((properties['Environment'] as CfnObject)['Variables'] as CfnObject)['SUBPROTOCOLS'],
      'ocpp2.0.1,ocpp1.6',
    );
    assert.equal(template.Outputs?.['Subprotocols']?.Value, 'ocpp2.0.1,ocpp1.6');
  });
});
