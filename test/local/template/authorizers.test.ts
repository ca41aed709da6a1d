import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { authorizersFromTemplate, integrationsFromTemplate, loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

const FIXTURE = new URL('../../fixtures/authorizers/template.yaml', import.meta.url);

/** Api + function + authorizer + one route; `authorizer` and `route` are extra property lines. */
function template(options: { authorizer?: string; route?: string; routeKey?: string } = {}) {
  const authorizer =
    options.authorizer ??
    [
      '      AuthorizerType: REQUEST',
      '      AuthorizerUri: !Sub arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${Fn.Arn}/invocations',
      '      IdentitySource: [route.request.header.Auth, route.request.querystring.token]',
    ].join('\n');
  const text = yamlTemplate(`Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties: { Name: a, ProtocolType: WEBSOCKET, RouteSelectionExpression: $request.body.action }
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ./, Handler: a.handler, Runtime: nodejs22.x }
  Auth:
    Type: AWS::ApiGatewayV2::Authorizer
    Properties:
      ApiId: !Ref Api
      Name: auth
${authorizer}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties: { ApiId: !Ref Api, IntegrationType: MOCK }
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: ${options.routeKey ?? '$connect'}
      Target: !Sub integrations/\${Integration}
${options.route ?? '      AuthorizationType: CUSTOM\n      AuthorizerId: !Ref Auth'}
`);
  return loadLocalTemplate(text, STACK);
}
const routes = (options: Parameters<typeof template>[0]) => integrationsFromTemplate(template(options));

describe('template: $connect authorization', () => {
  it('reads a REQUEST authorizer: id, function ARN from the AuthorizerUri, identity sources', () => {
    const loaded = template();
    const [authorizer] = authorizersFromTemplate(loaded).values();
    assert.deepEqual(authorizer, {
      logicalId: 'Auth',
      authorizerId: loaded.physicalIds.get('Auth')?.ref,
      functionArn: loaded.physicalIds.get('Fn')?.attributes['Arn'],
      identitySources: [
        { expression: 'route.request.header.Auth', from: 'header', name: 'Auth' },
        { expression: 'route.request.querystring.token', from: 'querystring', name: 'token' },
      ],
    });
    assert.deepEqual(integrationsFromTemplate(loaded)[0]?.authorization, { type: 'CUSTOM', authorizer });
  });

  it('exposes AWS_IAM and NONE, and switches the fixture between CUSTOM and AWS_IAM by parameter', () => {
    assert.deepEqual(routes({ route: '      AuthorizationType: AWS_IAM' })[0]?.authorization, { type: 'AWS_IAM' });
    assert.deepEqual(routes({ route: '' })[0]?.authorization, { type: 'NONE' });
    const fixture = (type: string) =>
      integrationsFromTemplate(
        loadLocalTemplate(readFileSync(FIXTURE, 'utf8'), {
          ...STACK,
          parameterOverrides: { ConnectAuthorizationType: type },
        }),
      );
    assert.equal(fixture('CUSTOM').find((r) => r.routeKey === '$connect')?.authorization.type, 'CUSTOM');
    assert.equal(fixture('AWS_IAM').find((r) => r.routeKey === '$connect')?.authorization.type, 'AWS_IAM');
  });

  it('names the resource, property, value and rule for what the local stack cannot run', () => {
    const cases: Array<[Parameters<typeof template>[0], string | RegExp]> = [
      [
        { authorizer: '      AuthorizerType: JWT' },
        'Resources.Auth.Properties.AuthorizerType: "JWT" is not supported by the local stack (WebSocket APIs support REQUEST Lambda authorizers)',
      ],
      [
        { authorizer: '      AuthorizerType: REQUEST\n      IdentitySource: [route.request.header.Auth]' },
        'Resources.Auth.Properties.AuthorizerUri: required for AuthorizerType REQUEST',
      ],
      [
        {
          authorizer:
            '      AuthorizerType: REQUEST\n      AuthorizerUri: arn:aws:apigateway:us-east-1:dynamodb:action/GetItem\n      IdentitySource: [route.request.header.Auth]',
        },
        'Resources.Auth.Properties.AuthorizerUri: "arn:aws:apigateway:us-east-1:dynamodb:action/GetItem" must be a Lambda invocation URI (arn:aws:apigateway:{region}:lambda:path/2015-03-31/functions/{arn}/invocations)',
      ],
      [
        {
          authorizer:
            '      AuthorizerType: REQUEST\n      AuthorizerUri: !GetAtt Fn.Arn\n      IdentitySource: [route.request.header.Auth, stageVariables.key]',
        },
        'Resources.Auth.Properties.IdentitySource[1]: "stageVariables.key" is not supported by the local stack (supported: route.request.header.NAME, route.request.querystring.NAME)',
      ],
      [
        { routeKey: 'chat' },
        'Resources.Route.Properties.AuthorizationType: CUSTOM on route "chat": only the $connect route can have authorization (use NONE)',
      ],
      [
        { route: '      AuthorizationType: JWT' },
        'Resources.Route.Properties.AuthorizationType: "JWT" must be one of NONE, AWS_IAM, CUSTOM on a WebSocket route',
      ],
      [
        { route: '      AuthorizationType: CUSTOM' },
        'Resources.Route.Properties.AuthorizerId: required with AuthorizationType CUSTOM (the Ref of an AWS::ApiGatewayV2::Authorizer)',
      ],
      [
        { route: '      AuthorizationType: CUSTOM\n      AuthorizerId: nope123' },
        'Resources.Route.Properties.AuthorizerId: "nope123" must be the Ref of an AWS::ApiGatewayV2::Authorizer in this template (AuthorizationType CUSTOM)',
      ],
      [
        { route: '      AuthorizationType: NONE\n      AuthorizerId: !Ref Auth' },
        /^Resources\.Route\.Properties\.AuthorizerId: "[a-z0-9]{7}" is only allowed with AuthorizationType CUSTOM, got NONE$/,
      ],
    ];
    for (const [options, message] of cases) {
      assert.throws(() => routes(options), { name: 'TemplateError', message }, JSON.stringify(options));
    }
  });
});
