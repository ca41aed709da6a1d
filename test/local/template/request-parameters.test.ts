/**
 * RequestParameters as the template loader reads them: what a route declares and an integration maps, and every
 * entry the local stack would not apply refused by resource, entry and rule (the end-to-end behaviour is in
 * test/local/stack/request-parameters.integration.test.ts).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { integrationsFromTemplate, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

/** One API: `$connect` on integration C, route `say` on integration M; each gets the given property lines. */
const template = (
  connect: string,
  connectInteg: string,
  say = '',
  sayInteg = '',
  types = ['HTTP_PROXY', 'HTTP_PROXY'],
) =>
  loadLocalTemplate(
    yamlTemplate(`Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: a, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Connect:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $connect
      Target: !Sub integrations/\${C}
${connect}
  C:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: ${types[0]}
      IntegrationUri: ${types[0] === 'AWS_PROXY' ? '!Sub arn:aws:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/arn:aws:lambda:eu-central-1:210987654321:function:f/invocations' : 'http://127.0.0.1:9/c'}
${connectInteg}
  Say:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: say
      Target: !Sub integrations/\${M}
${say}
  M:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: ${types[1]}
      IntegrationUri: http://127.0.0.1:9/m
${sayInteg}
`),
    STACK,
  );

const refusal = (message: string, ...args: Parameters<typeof template>) =>
  assert.throws(() => integrationsFromTemplate(template(...args)), { name: 'TemplateError', message });

describe('RequestParameters: read', () => {
  it("gives $connect's required parameters and each integration's mappings, parsed", () => {
    const routes = integrationsFromTemplate(
      template(
        "      RequestParameters: { route.request.querystring.token: { Required: 'true' }, route.request.header.X-Id: { Required: false } }",
        '      RequestParameters: { integration.request.header.t: route.request.querystring.token, integration.request.header.i: route.request.multivalueheader.x-id, integration.request.querystring.s: "\'a b\'" }',
        '',
        '      RequestParameters: { integration.request.header.x: route.request.body.$.a.b, integration.request.header.y: context.authorizer.tenant }',
      ),
    );
    const [connect, say] = routes;
    assert.deepEqual(connect?.requiredParameters, [{ from: 'querystring', name: 'token' }]);
    assert.deepEqual(
      connect?.integration.requestParameters.map(({ to, name, source }) => ({ to, name, source })),
      [
        { to: 'header', name: 't', source: { kind: 'route', from: 'querystring', name: 'token' } },
        { to: 'header', name: 'i', source: { kind: 'route', from: 'multivalueheader', name: 'x-id' } },
        { to: 'querystring', name: 's', source: { kind: 'static', value: 'a b' } },
      ],
    );
    assert.deepEqual(say?.requiredParameters, []);
    assert.deepEqual(
      say?.integration.requestParameters.map(({ source }) => source),
      [
        { kind: 'body', path: '$.a.b' },
        { kind: 'context', path: ['authorizer', 'tenant'] },
      ],
    );
  });

  it('accepts an empty map on any integration type (AWS: no mappings)', () => {
    const routes = integrationsFromTemplate(
      template('', '      RequestParameters: {}', '', '', ['AWS_PROXY', 'HTTP_PROXY']),
    );
    assert.deepEqual(routes[0]?.integration.requestParameters, []);
  });
});

describe('RequestParameters: refused', () => {
  it('mappings on an integration type other than HTTP and HTTP_PROXY', () => {
    refusal(
      'Resources.C.Properties.RequestParameters.integration.request.header.x: request parameter mappings are emulated for HTTP and HTTP_PROXY integrations only, not AWS_PROXY',
      '',
      '      RequestParameters: { integration.request.header.x: context.connectionId }',
      '',
      '',
      ['AWS_PROXY', 'HTTP_PROXY'],
    );
  });

  it('a route request parameter mapped by an integration a message route uses (no handshake there)', () => {
    refusal(
      'Resources.M.Properties.RequestParameters.integration.request.header.x: route say uses this integration, and route request headers and query strings exist on $connect only',
      '',
      '',
      '',
      '      RequestParameters: { integration.request.header.x: route.request.header.x }',
    );
  });

  it('a header declared twice in different case, and names outside API Gateway’s rule', () => {
    refusal(
      'Resources.Connect.Properties.RequestParameters.route.request.header.x-id: declares header "x-id" a second time (header names ignore case)',
      '      RequestParameters: { route.request.header.X-Id: { Required: true }, route.request.header.x-id: { Required: false } }',
      '',
    );
    refusal(
      'Resources.Connect.Properties.RequestParameters.route.request.header.a b: the name "a b" must match ^[a-zA-Z0-9._$-]+$',
      "      RequestParameters: { 'route.request.header.a b': { Required: true } }",
      '',
    );
    refusal(
      'Resources.C.Properties.RequestParameters.integration.request.header.x:y: the name "x:y" must match ^[a-zA-Z0-9._$-]+$',
      '',
      "      RequestParameters: { 'integration.request.header.x:y': context.stage }",
    );
  });

  it('what a route cannot declare, and a RequestParameters that is not a map', () => {
    refusal(
      'Resources.Connect.Properties.RequestParameters.route.request.path.id: must be route.request.header.NAME or route.request.querystring.NAME (a WebSocket route declares no other request parameters)',
      '      RequestParameters: { route.request.path.id: { Required: true } }',
      '',
    );
    refusal(
      'Resources.C.Properties.RequestParameters: must be a mapping, got "integration.request.header.x=context.stage"',
      '',
      '      RequestParameters: integration.request.header.x=context.stage',
    );
    refusal(
      'Resources.C.Properties.RequestParameters.integration.request.header.x: must be a mapping expression (a string), got ["context.stage"]',
      '',
      '      RequestParameters: { integration.request.header.x: [context.stage] }',
    );
  });
});
