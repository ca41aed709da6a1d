import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { functionsFromTemplate, integrationsFromTemplate, tablesFromTemplate } from '../../../local/template/index.ts';
import { STACK, TEMPLATE_FILES, load, rawTemplate } from './fixtures.ts';

const { region, accountId, stackName } = STACK;

describe('loadLocalTemplate: the project templates', () => {
  for (const [label, file] of Object.entries(TEMPLATE_FILES)) {
    it(`loads ${label} with every resource, physical id and output resolved`, () => {
      const raw = rawTemplate(file);
      const template = load(file);
      assert.deepEqual([...template.resources.keys()], Object.keys(raw.Resources));
      assert.deepEqual([...template.physicalIds.keys()], Object.keys(raw.Resources));
      assert.deepEqual(Object.keys(template.outputs), Object.keys(raw.Outputs));
      // Nothing unresolved survives: no long-form intrinsic keys anywhere in the properties.
      const text = JSON.stringify([...template.resources.values()].map((r) => r.properties));
      assert.doesNotMatch(text, /"(Ref|Fn::[A-Za-z]+)":/);
      assert.equal(template.parameters['ApiStageName'], raw.Parameters.ApiStageName.Default);
    });
  }

  it('names the sessions table from the stack name and builds its ARN', () => {
    const template = load(TEMPLATE_FILES.main);
    const table = template.physicalIds.get('SessionsTable');
    assert.equal(table?.ref, `${stackName}-Sessions`);
    assert.equal(table?.attributes['Arn'], `arn:aws:dynamodb:${region}:${accountId}:table/${stackName}-Sessions`);
    assert.equal(template.outputs['Sessions'], table?.ref);
    const [tableInfo] = tablesFromTemplate(template);
    assert.equal(tableInfo?.tableName, table?.ref);
    assert.equal(tableInfo?.timeToLiveAttribute, 'ttl');
  });

  it('points the $default integration at the DefaultFunction Arn attribute', () => {
    const template = load(TEMPLATE_FILES.main);
    const functionArn = template.physicalIds.get('DefaultFunction')?.attributes['Arn'];
    assert.equal(functionArn, `arn:aws:lambda:${region}:${accountId}:function:${stackName}-DefaultFunction`);
    const uri = (template.resources.get('DefaultIntegration')!.properties as any).IntegrationUri;
    assert.equal(uri, `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${functionArn}/invocations`);
    const route = integrationsFromTemplate(template).find((r) => r.routeKey === '$default');
    assert.deepEqual(route?.integration.target, { kind: 'lambda', functionArn });
    assert.equal(functionsFromTemplate(template)[0]?.environment['SESSIONS_TABLE'], `${stackName}-Sessions`);
  });

  it('keeps the connect VTL byte-for-byte except ${SessionsTable}', () => {
    const written: string = rawTemplate(TEMPLATE_FILES.main).Resources.ConnectIntegration.Properties.RequestTemplates
      .$default['Fn::Sub'];
    const template = load(TEMPLATE_FILES.main);
    const resolved = (template.resources.get('ConnectIntegration')!.properties as any).RequestTemplates.$default;
    assert.equal(resolved, written.replaceAll('${SessionsTable}', `${stackName}-Sessions`));
    assert.match(resolved, /#set\(\$ttl = \$context\.requestTimeEpoch/);
    assert.ok(resolved.includes('"$util.escapeJavaScript($path).replaceAll("\\\\\'","\'")"'));
  });

  it('resolves outputs from the api id option, region and stage parameter', () => {
    const template = load(TEMPLATE_FILES.main, { apiId: 'abcde12345' });
    assert.equal(template.outputs['APIEndpoint'], `wss://abcde12345.execute-api.${region}.amazonaws.com/api`);
    assert.equal(template.outputs['ConnectionsEndpoint'], `https://abcde12345.execute-api.${region}.amazonaws.com/api`);
    assert.equal(template.outputs['Region'], region);
    const domain = template.physicalIds.get('CloudFrontDistribution')?.attributes['DomainName'];
    assert.equal(template.outputs['Distribution'], `wss://${domain}`);
    assert.match(domain ?? '', /^d[a-z0-9]{13}\.cloudfront\.localhost$/);
  });

  it('derives a 10-character api id from the stack name, stable across loads and different per stack', () => {
    const first = load(TEMPLATE_FILES.minimal).physicalIds.get('WebSocketApi')?.ref;
    const again = load(TEMPLATE_FILES.minimal).physicalIds.get('WebSocketApi')?.ref;
    const other = load(TEMPLATE_FILES.minimal, { stackName: 'another-stack' }).physicalIds.get('WebSocketApi')?.ref;
    assert.match(first ?? '', /^[a-z0-9]{10}$/);
    assert.equal(first, again);
    assert.notEqual(first, other);
  });

  it('resolves the Stage Ref to its stage name, cross-resource GetAtts and DependsOn', () => {
    const template = load(TEMPLATE_FILES.main, { parameterOverrides: { ApiStageName: 'dev' } });
    assert.equal(template.physicalIds.get('Stage')?.ref, 'dev');
    const stage = template.resources.get('Stage');
    const logGroup = template.physicalIds.get('AccessLogGroup');
    assert.equal(logGroup?.ref, `/aws/apigateway/${stackName}-WebSocketApi/dev`);
    assert.equal(
      (stage!.properties as any).AccessLogSettings.DestinationArn,
      `arn:aws:logs:${region}:${accountId}:log-group:${logGroup?.ref}:*`,
    );
    assert.deepEqual(stage?.dependsOn, ['ApiGatewayAccount']);
    const cloudFront = template.resources.get('CloudFrontDistribution')?.properties as any;
    const behaviour = cloudFront.DistributionConfig.DefaultCacheBehavior;
    assert.equal(
      behaviour.OriginRequestPolicyId,
      template.physicalIds.get('WebSocketOriginRequestPolicy')?.attributes['Id'],
    );
    assert.equal(
      behaviour.FunctionAssociations[0].FunctionARN,
      `arn:aws:cloudfront::${accountId}:function/${stackName}-UriRewrite`,
    );
    const rawMetadata = rawTemplate(TEMPLATE_FILES.main).Resources.DefaultFunction.Metadata;
    assert.deepEqual(template.resources.get('DefaultFunction')?.metadata, rawMetadata);
  });
});
