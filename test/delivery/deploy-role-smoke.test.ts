/**
 * The deploy job runs the smoke suite and the release gate with the deploy role's credentials, so every AWS call they
 * make must be allowed by that role, as IAM evaluates it (iam-simulate, the library the local stack uses). The calls
 * are listed per SDK command; a guard fails when smoke/ or the two scripts start sending a command this list does not
 * name, so a new call cannot ship without its permission being checked here.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import { buildBootstrapTemplate, deployNeedsOf, deployRoleId, ENVIRONMENTS } from '../../generator/bootstrap/index.ts';
import { simulate } from '../../local/iam/simulate.ts';
import type { PolicyDocument } from '../../local/iam/types.ts';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const STACK = 'apigw-ws-integrations-dev';
const PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': REGION,
  'AWS::AccountId': ACCOUNT,
  StackNamePrefix: 'apigw-ws-integrations',
  DevEnvironmentName: 'dev',
  ProdEnvironmentName: 'prod',
  ArtifactsBucketName: 'sam-artifacts',
};

const arn = (service: string, resource: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${resource}`;
const table = (stack: string) => arn('dynamodb', `table/${stack}-Sessions`);
const connection = (method: string) => arn('execute-api', `a1b2c3d4e5/dev/${method}/@connections/Y2Fsb0ZvbzE=`);

/** Each SDK command the smoke suite and the release gate send, as the IAM request it becomes. */
const CALLS: Record<string, Array<{ action: string; resource: string }>> = {
  DescribeStacksCommand: [
    {
      action: 'cloudformation:DescribeStacks',
      resource: arn('cloudformation', `stack/${STACK}/0f0e0d0c-0000-4000-8000-0`),
    },
  ],
  DescribeTableCommand: [{ action: 'dynamodb:DescribeTable', resource: table(STACK) }],
  DescribeTimeToLiveCommand: [{ action: 'dynamodb:DescribeTimeToLive', resource: table(STACK) }],
  GetItemCommand: [{ action: 'dynamodb:GetItem', resource: table(STACK) }],
  ScanCommand: [{ action: 'dynamodb:Scan', resource: table(STACK) }],
  QueryCommand: [{ action: 'dynamodb:Query', resource: `${table(STACK)}/index/ByChargePoint` }],
  PostToConnectionCommand: [{ action: 'execute-api:ManageConnections', resource: connection('POST') }],
  GetConnectionCommand: [{ action: 'execute-api:ManageConnections', resource: connection('GET') }],
  DeleteConnectionCommand: [{ action: 'execute-api:ManageConnections', resource: connection('DELETE') }],
  DescribeAlarmsCommand: [
    {
      action: 'cloudwatch:DescribeAlarms',
      resource: arn('cloudwatch', `alarm:${STACK}-IntegrationErrorRateAlarm-1AB2`),
    },
  ],
};

function sourcesOf(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => join(folder, file));
}

/** `Fn::Sub` strings resolved with the parameters above: the policy as IAM would hold it. */
function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === 'Fn::Sub')
      return String(entries[0]![1]).replace(/\$\{([^}]+)\}/g, (_, name: string) => {
        const resolved = PARAMETERS[name];
        if (resolved === undefined) throw new Error(`no value for \${${name}}`);
        return resolved;
      });
    return Object.fromEntries(entries.map(([key, inner]) => [key, resolve(inner)]));
  }
  return value;
}

function devRolePolicy(templateFile: string): PolicyDocument {
  const template = parseCloudFormation(readFileSync(templateFile, 'utf8'), templateFile) as unknown as CfnTemplate;
  const role = buildBootstrapTemplate(deployNeedsOf(template)).Resources[deployRoleId(ENVIRONMENTS[0])];
  const policies = role?.Properties?.['Policies'] as Array<{ PolicyDocument: unknown }>;
  return resolve(policies[0]!.PolicyDocument) as PolicyDocument;
}

async function decide(policy: PolicyDocument, action: string, resource: string) {
  const outcome = await simulate({
    principal: `arn:aws:sts::${ACCOUNT}:assumed-role/DevDeployRole/GitHubActions`,
    action,
    resource,
    accountId: ACCOUNT,
    context: {},
    identityPolicies: [{ name: 'SamDeploy', document: policy }],
    resourcePolicy: undefined,
  });
  assert.equal(outcome.kind, 'decided', JSON.stringify(outcome));
  return outcome.kind === 'decided' ? outcome.result : 'invalid';
}

describe("the deploy role allows every call of the smoke suite and the release gate (the deploy job's own steps)", () => {
  it('the list of calls names every SDK command smoke/ and scripts/{smoke,release-gate}.ts send', () => {
    const sent = new Set<string>();
    for (const file of [...sourcesOf('smoke'), 'scripts/smoke.ts', 'scripts/release-gate.ts'])
      for (const match of readFileSync(file, 'utf8').matchAll(/new (\w+Command)\(/g)) sent.add(match[1]!);
    assert.deepEqual([...sent].sort(), Object.keys(CALLS).sort());
  });

  for (const templateFile of ['template.yaml', 'examples/production/template.yaml']) {
    it(`${templateFile}: each call is Allowed`, async () => {
      const policy = devRolePolicy(templateFile);
      const hasAlarms = templateFile.includes('production');
      for (const [command, calls] of Object.entries(CALLS)) {
        if (command === 'DescribeAlarmsCommand' && !hasAlarms) continue; // no alarms: the gate makes no call
        for (const { action, resource } of calls)
          assert.equal(await decide(policy, action, resource), 'Allowed', `${command}: ${action} on ${resource}`);
      }
    });
  }

  it("the dev role's smoke permissions do not reach the prod stack", async () => {
    const policy = devRolePolicy('examples/production/template.yaml');
    const prod = 'apigw-ws-integrations-prod';
    assert.equal(await decide(policy, 'dynamodb:Scan', table(prod)), 'ImplicitlyDenied');
    assert.equal(await decide(policy, 'dynamodb:GetItem', table(prod)), 'ImplicitlyDenied');
    assert.equal(
      await decide(policy, 'cloudwatch:DescribeAlarms', arn('cloudwatch', `alarm:${prod}-IntegrationErrorRateAlarm-1`)),
      'ImplicitlyDenied',
    );
  });
});
