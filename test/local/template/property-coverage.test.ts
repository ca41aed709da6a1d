import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { SAM_NEWER_PROPERTIES } from '../../../checks/sam-known.ts';
import { findResourceType, loadSpecDatabase, type SpecDatabase } from '../../../checks/spec-db.ts';
import {
  checkProperties,
  loadLocalTemplate,
  PROPERTY_COVERAGE,
  TYPES_NOT_EMULATED,
} from '../../../local/template/index.ts';
import { isSupportedResourceType } from '../../../local/template/physical-ids.ts';
import { STACK, yamlTemplate } from './fixtures.ts';

/** Property names of a type: the CloudFormation resource spec's, plus what the SAM translator accepts beyond it. */
function specProperties(db: SpecDatabase, type: string): string[] {
  const resource = findResourceType(db, type);
  assert.ok(resource, `${type} is in the resource spec`);
  return [...Object.keys(resource.properties), ...(SAM_NEWER_PROPERTIES[type] ?? [])];
}

describe('property coverage: every property of the types the local stack reads is emulated or not, by name', () => {
  let db: SpecDatabase;
  before(() => {
    db = loadSpecDatabase();
  });

  it('lists every spec property of every read type in exactly one list', () => {
    const missing: string[] = [];
    for (const [type, coverage] of Object.entries(PROPERTY_COVERAGE)) {
      for (const name of specProperties(db, type)) {
        const lists = [
          coverage.emulated.includes(name),
          coverage.inert.includes(name),
          Object.hasOwn(coverage.notEmulated, name),
        ];
        const count = lists.filter(Boolean).length;
        if (count !== 1) missing.push(`${type}.${name}: in ${count} lists`);
      }
    }
    assert.deepEqual(missing, []);
  });

  it('names no property the spec does not have (a misspelt entry would cover nothing)', () => {
    const unknown: string[] = [];
    for (const [type, coverage] of Object.entries(PROPERTY_COVERAGE)) {
      const known = new Set(specProperties(db, type));
      for (const name of [...coverage.emulated, ...coverage.inert, ...Object.keys(coverage.notEmulated)]) {
        if (!known.has(name)) unknown.push(`${type}.${name}`);
      }
    }
    assert.deepEqual(unknown, []);
  });

  it('covers every type the local stack loads (a type added to physical-ids.ts needs its properties listed here)', () => {
    const types = db.all('resource').map((resource) => (resource as { cloudFormationType: string }).cloudFormationType);
    const loaded = types.filter((type) => isSupportedResourceType(type));
    assert.ok(loaded.length >= 20, `the loaded types are found in the spec (${loaded.length})`);
    assert.deepEqual(
      loaded.filter((type) => !Object.hasOwn(PROPERTY_COVERAGE, type)),
      [],
    );
  });

  it('covers every AWS::ApiGatewayV2 type of the spec: read property by property, or not created with a reason', () => {
    const types = db
      .all('resource')
      .map((resource) => (resource as { cloudFormationType: string }).cloudFormationType)
      .filter((type) => type.startsWith('AWS::ApiGatewayV2::'));
    assert.ok(types.length >= 11, `the spec has the ApiGatewayV2 types (${types.join(', ')})`);
    const uncovered = types.filter(
      (type) => !Object.hasOwn(PROPERTY_COVERAGE, type) && !Object.hasOwn(TYPES_NOT_EMULATED, type),
    );
    assert.deepEqual(uncovered, []);
  });
});

const api = (extra = '', routeExtra = '', integrationExtra = '') =>
  yamlTemplate(`Resources:
  Api:
    Type: AWS::ApiGatewayV2::Api
    Properties:
      Name: a
      ProtocolType: WEBSOCKET
      RouteSelectionExpression: $request.body.action
${extra}
  Route:
    Type: AWS::ApiGatewayV2::Route
    Properties:
      ApiId: !Ref Api
      RouteKey: $default
      Target: !Sub integrations/\${Integration}
${routeExtra}
  Integration:
    Type: AWS::ApiGatewayV2::Integration
    Properties:
      ApiId: !Ref Api
      IntegrationType: MOCK
${integrationExtra}
`);

const check = (text: string) => checkProperties(loadLocalTemplate(text, STACK));

describe('checkProperties: what a template sets', () => {
  it('accepts a template of emulated properties without a word', () => {
    assert.deepEqual(
      check(api('      Description: chat', '      OperationName: chat', '      TimeoutInMillis: 5000')),
      { refused: [], warned: [] },
    );
  });

  it('refuses a property that is not emulated, naming resource, property, type and why', () => {
    assert.deepEqual(
      check(
        api(
          '',
          '      ApiKeyRequired: true\n      AuthorizationScopes: [chat.read]',
          '      ContentHandlingStrategy: CONVERT_TO_TEXT',
        ),
      ).refused,
      [
        'Resources.Route.Properties.AuthorizationScopes (AWS::ApiGatewayV2::Route): not emulated locally: authorization scopes are for JWT authorizers, which WebSocket APIs do not have',
        'Resources.Integration.Properties.ContentHandlingStrategy (AWS::ApiGatewayV2::Integration): not emulated locally: binary payload conversion is not emulated (binary frames are refused with 1003 locally)',
      ],
    );
  });

  it('accepts API keys now that they are emulated (ApiKeyRequired, ApiKeySelectionExpression, keys and usage plans)', () => {
    const text = `${api('      ApiKeySelectionExpression: $context.authorizer.usageIdentifierKey', '      ApiKeyRequired: true', '')}
  Key:
    Type: AWS::ApiGateway::ApiKey
    Properties: { Value: abcdefghij0123456789, Enabled: true, Name: k, Description: d }
  Plan:
    Type: AWS::ApiGateway::UsagePlan
    Properties: { ApiStages: [{ ApiId: !Ref Api, Stage: live }], Throttle: { RateLimit: 1, BurstLimit: 1 }, Quota: { Limit: 5, Period: DAY } }
  PlanKey:
    Type: AWS::ApiGateway::UsagePlanKey
    Properties: { KeyId: !Ref Key, KeyType: API_KEY, UsagePlanId: !Ref Plan }
`;
    assert.deepEqual(check(text), { refused: [], warned: [] });
  });

  it('accepts a value that means what AWS does by default (ApiKeyRequired false, PayloadFormatVersion 1.0, an empty map)', () => {
    const text = api(
      '      ApiKeySelectionExpression: $request.header.x-api-key',
      '      ApiKeyRequired: false\n      RequestParameters: {}',
      '      PayloadFormatVersion: "1.0"\n      ConnectionType: INTERNET',
    );
    assert.deepEqual(check(text), { refused: [], warned: [] });
  });

  it('refuses a value other than the default of the same property', () => {
    assert.deepEqual(check(api('', '', '      PayloadFormatVersion: "2.0"')).refused, [
      'Resources.Integration.Properties.PayloadFormatVersion (AWS::ApiGatewayV2::Integration): not emulated locally: WebSocket APIs take only 1.0',
    ]);
  });

  it('refuses a property in no list (a misspelling, or one CloudFormation added later)', () => {
    assert.deepEqual(check(api('', '', '      TimeoutInMilis: 5000')).refused, [
      'Resources.Integration.Properties.TimeoutInMilis (AWS::ApiGatewayV2::Integration): not a property the local stack knows, so it cannot emulate it',
    ]);
  });

  it("warns where refusing would block common templates (stage execution logging, a function's VPC)", () => {
    const text = `${api()}
  Stage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref Api
      StageName: prod
      DefaultRouteSettings: { ThrottlingBurstLimit: 10, DataTraceEnabled: true }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      InlineCode: exports.handler = async () => ({})
      Handler: index.handler
      Runtime: nodejs22.x
      VpcConfig: { SubnetIds: [a], SecurityGroupIds: [b] }
`;
    assert.deepEqual(check(text), {
      refused: [],
      warned: [
        'Resources.Stage.Properties.DefaultRouteSettings (AWS::ApiGatewayV2::Stage): not emulated locally: execution logging and detailed metrics are not emulated (the throttle is)',
        "Resources.Fn.Properties.VpcConfig (AWS::Serverless::Function): not emulated locally: functions run on this machine's network, not in a VPC",
      ],
    });
  });

  it('leaves to local/iam what it already names (a permission boundary)', () => {
    const text = `${api()}
  Role:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [] }
      PermissionsBoundary: arn:aws:iam::aws:policy/PowerUserAccess
`;
    assert.deepEqual(check(text), { refused: [], warned: [] });
  });
});
