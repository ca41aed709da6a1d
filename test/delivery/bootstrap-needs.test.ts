import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import { buildBootstrapTemplate, deployNeedsOf, deployRoleId, ENVIRONMENTS } from '../../generator/bootstrap/index.ts';
import { KNOWN_RESOURCE_TYPES } from '../../generator/bootstrap/resource-needs.ts';

const readTemplate = (file: string) => parseCloudFormation(readFileSync(file, 'utf8'), file) as unknown as CfnTemplate;
const EXAMPLE_TEMPLATES = readdirSync('examples').map((name) => `examples/${name}/template.yaml`);

/** The deploy role's statements for one template, Sid → Resource. */
function roleStatements(template: CfnTemplate): Map<string, unknown> {
  const bootstrap = buildBootstrapTemplate(deployNeedsOf(template));
  const policies = bootstrap.Resources[deployRoleId(ENVIRONMENTS[0])]?.Properties?.['Policies'] as {
    PolicyDocument: { Statement: { Sid: string; Resource: unknown }[] };
  }[];
  return new Map(policies[0]!.PolicyDocument.Statement.map((statement) => [statement.Sid, statement.Resource]));
}

describe('the deploy role is derived from the stack template', () => {
  it('knows every resource type the generator writes in the root and every example template', () => {
    for (const file of ['template.yaml', ...EXAMPLE_TEMPLATES]) {
      const template = readTemplate(file);
      for (const resource of Object.values(template.Resources))
        assert.ok(KNOWN_RESOURCE_TYPES.includes(resource.Type), `${file}: ${resource.Type}`);
      assert.doesNotThrow(() => deployNeedsOf(template, file));
    }
  });

  it('a stack with a custom domain, a web ACL and alarms gets what creating them takes', () => {
    const sids = [...roleStatements(readTemplate('examples/production/template.yaml')).keys()];
    for (const sid of [
      'ManageEdgeWebAcl',
      'RequestCertificates',
      'ManageCertificates',
      'ChangeDnsRecordsInTheConfiguredZones',
      'WatchDnsChanges',
      'ManageAlarmTopic',
      'ManageAlarms',
      'ManageDashboard',
    ])
      assert.ok(sids.includes(sid), `${sid} in ${sids.join(', ')}`);
  });

  it('Route 53 changes are scoped to the hosted zone the config names', () => {
    const statements = roleStatements(readTemplate('examples/production/template.yaml'));
    assert.deepEqual(statements.get('ChangeDnsRecordsInTheConfiguredZones'), [
      { 'Fn::Sub': 'arn:${AWS::Partition}:route53:::hostedzone/Z0123456789EXAMPLE' },
    ]);
  });

  it('the root stack, which has none of those features, gets none of their permissions', () => {
    const sids = [...roleStatements(readTemplate('template.yaml')).keys()];
    for (const sid of ['ManageEdgeWebAcl', 'RequestCertificates', 'ManageAlarms', 'ManageQueues', 'ManageStackTables'])
      assert.ok(!sids.includes(sid), sid);
  });

  it('an unknown resource type stops generation by name instead of deploying with a role that lacks it', () => {
    const template: CfnTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Bucket: { Type: 'AWS::S3::Bucket', Properties: {} }, Api: { Type: 'AWS::ApiGatewayV2::Api' } },
    };
    assert.throws(
      () => deployNeedsOf(template, 'edited.yaml'),
      /edited\.yaml: cannot derive the deploy role.*\n {2}Resources\.Bucket: type AWS::S3::Bucket has no deploy permissions/,
    );
  });

  it('a hosted zone that is not a literal zone id is refused (the role could not be scoped to it)', () => {
    const template: CfnTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Record: {
          Type: 'AWS::Route53::RecordSet',
          Properties: { HostedZoneId: { Ref: 'Zone' }, Name: 'a', Type: 'A' },
        },
      },
    };
    assert.throws(() => deployNeedsOf(template), /Resources\.Record: hosted zone \{"Ref":"Zone"\} must be a literal/);
  });

  it('a consumer of a queue gets event source mappings; other tables get the stack-prefixed table statement', () => {
    const template: CfnTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Jobs: { Type: 'AWS::SQS::Queue', Properties: {} },
        Orders: { Type: 'AWS::DynamoDB::Table', Properties: {} },
        Worker: {
          Type: 'AWS::Serverless::Function',
          Properties: { Events: { Jobs: { Type: 'SQS', Properties: { Queue: { 'Fn::GetAtt': ['Jobs', 'Arn'] } } } } },
        },
      },
    };
    const sids = [...roleStatements(template).keys()];
    for (const sid of ['ManageQueues', 'ManageEventSourceMappings', 'ManageStackTables', 'ManageFunctions'])
      assert.ok(sids.includes(sid), sid);
    assert.ok(!sids.includes('ManageSessionsTable'));
    // The generator writes the mapping out (config queues) rather than SAM's Events: SQS: the same permissions.
    const written: CfnTemplate = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: { Mapping: { Type: 'AWS::Lambda::EventSourceMapping', Properties: {} } },
    };
    assert.ok([...roleStatements(written).keys()].includes('ManageEventSourceMappings'));
  });
});
