/** What the connect features generate: authorization on $connect, identity sources, the edge function, outputs. */
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../cfn/types.ts';
import { parseConfig, type WsConfigInput } from '../../generator/config/index.ts';
import { generateTemplate, type ResolvedHandler } from '../../generator/index.ts';
import { resource } from './template-fixture.ts';

const handler: ResolvedHandler = { codeUri: 'handlers/', entryPoint: 'x.ts', handler: 'x.handler' };
const handlers = new Map([['$default', handler], ['$authorizer', handler], ['$connect', handler], ['send', handler]]);
const routes = { $default: { integration: 'lambda' as const, handler: 'handlers/default.ts' } };

function generate(input: WsConfigInput): CfnTemplate {
  return JSON.parse(JSON.stringify(generateTemplate(parseConfig(input), { handlers }))) as CfnTemplate;
}

/** Runs the generated CloudFront Function on a viewer request, as the runtime would (JSON in, JSON out). */
function viewerRequest(template: CfnTemplate, uri: string, headers: Record<string, { value: string }>): Record<string, unknown> {
  const code = resource(template, 'UriRewriteFunction').Properties!['FunctionCode'] as string;
  const context = vm.createContext(Object.create(null));
  vm.runInContext(code, context);
  context['__event'] = JSON.parse(JSON.stringify({ request: { method: 'GET', uri, headers, querystring: {}, cookies: {} } }));
  return JSON.parse(vm.runInContext('JSON.stringify(handler(__event))', context) as string) as Record<string, unknown>;
}

describe('connect features in the generated template', () => {
  it('REQUEST behind the edge: the authorizer reads the copy of Authorization, which the edge makes and forwards', () => {
    const template = generate({ routes, connect: { authorization: { type: 'REQUEST', handler: 'auth.ts' } } });
    assert.deepEqual(resource(template, 'ConnectRoute').Properties!['AuthorizationType'], 'CUSTOM');
    assert.deepEqual(resource(template, 'ConnectRoute').Properties!['AuthorizerId'], { Ref: 'ConnectAuthorizer' });
    assert.deepEqual(resource(template, 'ConnectAuthorizer').Properties!['IdentitySource'], ['route.request.header.ws-authorization']);
    const policy = resource(template, 'WebSocketOriginRequestPolicy').Properties!['OriginRequestPolicyConfig'] as CfnObject;
    assert.ok(((policy['HeadersConfig'] as CfnObject)['Headers'] as string[]).includes('ws-authorization'));
    const request = viewerRequest(template, '/any/path', { authorization: { value: 'Basic abc' } });
    assert.deepEqual((request['headers'] as Record<string, unknown>)['ws-authorization'], { value: 'Basic abc' });
    assert.equal(template.Outputs?.['Authorization']?.Value, 'REQUEST');
  });

  it('REQUEST without the edge reads Authorization itself; query-string sources pass through', () => {
    const template = generate({
      routes, sessions: { store: { path: false } }, edge: { enabled: false },
      connect: { authorization: { type: 'REQUEST', handler: 'auth.ts', identitySources: [{ from: 'header', name: 'Authorization' }, { from: 'query', name: 'token' }] } },
    });
    assert.deepEqual(resource(template, 'ConnectAuthorizer').Properties!['IdentitySource'], ['route.request.header.Authorization', 'route.request.querystring.token']);
  });

  it('AWS_IAM marks $connect and creates no authorizer', () => {
    const template = generate({ routes, sessions: { store: { path: false } }, edge: { enabled: false }, connect: { authorization: { type: 'AWS_IAM' } } });
    assert.equal(resource(template, 'ConnectRoute').Properties!['AuthorizationType'], 'AWS_IAM');
    assert.equal(template.Resources['ConnectAuthorizer'], undefined);
    assert.equal(template.Outputs?.['Authorization']?.Value, 'AWS_IAM');
  });

  it('the identity path pattern: indexed attribute, 404 at the edge outside the pattern, outputs', () => {
    const template = generate({
      routes: { ...routes, send: { integration: 'sendToIdentity' } },
      sessions: { identity: { pathPattern: '/ocpp/v1.6/{chargePointId}' } },
    });
    const table = resource(template, 'SessionsTable').Properties!;
    assert.deepEqual((table['GlobalSecondaryIndexes'] as CfnObject[]).map((gsi) => gsi['IndexName']), ['ByIdentity']);
    assert.equal(viewerRequest(template, '/ocpp/v1.6/CP001', {})['uri'], '/');
    assert.equal(viewerRequest(template, '/ocpp/v1.6/CP001/', {})['uri'], '/');
    for (const refused of ['/ocpp/v1x6/CP001', '/ocpp/v1.6/', '/ocpp/v1.6/CP001/extra', '/']) {
      assert.equal(viewerRequest(template, refused, {})['statusCode'], 404, refused);
    }
    assert.equal(template.Outputs?.['IdentityPathPattern']?.Value, '/ocpp/v1.6/{chargePointId}');
    assert.equal(template.Outputs?.['SendToIdentityRoute']?.Value, 'send');
    const environment = (resource(template, 'SendFunction').Properties!['Environment'] as CfnObject)['Variables'] as CfnObject;
    assert.equal(environment['IDENTITY_ATTRIBUTE'], 'chargePointId');
    assert.equal(environment['IDENTITY_INDEX'], 'ByIdentity');
  });

  it('subprotocols: a $connect Lambda that may only put session records, and the Subprotocols output', () => {
    const template = generate({ routes, connect: { subprotocols: ['ocpp2.0.1', 'ocpp1.6'] } });
    const properties = resource(template, 'ConnectFunction').Properties!;
    assert.deepEqual(properties['Policies'], [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['dynamodb:PutItem'], Resource: [{ 'Fn::GetAtt': ['SessionsTable', 'Arn'] }] }] }]);
    assert.equal(((properties['Environment'] as CfnObject)['Variables'] as CfnObject)['SUBPROTOCOLS'], 'ocpp2.0.1,ocpp1.6');
    assert.equal(template.Outputs?.['Subprotocols']?.Value, 'ocpp2.0.1,ocpp1.6');
  });
});
