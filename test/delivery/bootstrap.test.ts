import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  buildBootstrapTemplate,
  deployNeedsOf,
  deployRoleId,
  ENVIRONMENTS,
  renderBootstrapYaml,
} from '../../generator/bootstrap/index.ts';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import type { CfnTemplate } from '../../cfn/types.ts';

const rootNeeds = () =>
  deployNeedsOf(parseCloudFormation(readFileSync('template.yaml', 'utf8')) as unknown as CfnTemplate);

const FILE = 'deploy/bootstrap.yaml';

describe('deploy/bootstrap.yaml', () => {
  it('is exactly what the generator renders (run `npm run generate` after changing it)', () => {
    assert.equal(readFileSync(FILE, 'utf8'), renderBootstrapYaml(rootNeeds()));
  });

  it('each role trusts one repository and one environment, by exact sub and audience', () => {
    const template = buildBootstrapTemplate(rootNeeds());
    const subjects = ENVIRONMENTS.map((environment) => {
      const trust = template.Resources[deployRoleId(environment)]?.Properties?.AssumeRolePolicyDocument as {
        Statement: { Action: string[]; Condition: Record<string, Record<string, unknown>> }[];
      };
      assert.equal(trust.Statement.length, 1);
      const [statement] = trust.Statement;
      assert.deepEqual(statement!.Action, ['sts:AssumeRoleWithWebIdentity']);
      assert.deepEqual(Object.keys(statement!.Condition), ['StringEquals']);
      assert.equal(
        statement!.Condition['StringEquals']!['token.actions.githubusercontent.com:aud'],
        'sts.amazonaws.com',
      );
      return statement!.Condition['StringEquals']!['token.actions.githubusercontent.com:sub'];
    });
    assert.deepEqual(subjects, [
      { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:environment:${DevEnvironmentName}' },
      { 'Fn::Sub': 'repo:${GitHubOwner}/${GitHubRepo}:environment:${ProdEnvironmentName}' },
    ]);
  });

  it('each role may change only its own stack', () => {
    const template = buildBootstrapTemplate(rootNeeds());
    const stackResources = ENVIRONMENTS.map((environment) => {
      const policy = template.Resources[deployRoleId(environment)]?.Properties?.Policies as {
        PolicyDocument: { Statement: { Sid: string; Resource: unknown[] }[] };
      }[];
      return policy[0]!.PolicyDocument.Statement.find((s) => s.Sid === 'DeployStack')?.Resource;
    });
    assert.deepEqual(stackResources, [
      [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${StackNamePrefix}-${DevEnvironmentName}/*',
        },
      ],
      [
        {
          'Fn::Sub':
            'arn:${AWS::Partition}:cloudformation:${AWS::Region}:${AWS::AccountId}:stack/${StackNamePrefix}-${ProdEnvironmentName}/*',
        },
      ],
    ]);
  });
});
