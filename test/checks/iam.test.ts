import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkIam } from '../../checks/iam.ts';
import { literalText, wildcardReason } from '../../checks/iam-resource.ts';
import type { CfnObject, CfnTemplate, CfnValue } from '../../cfn/types.ts';
import { cleanTemplate, props } from './fixtures.ts';

const error = (check: string, path: string, message: string) => ({ check, level: 'error', path, message });

const ROLE_STATEMENT = 'Resources.TableWriteRole.Properties.Policies[0].PolicyDocument.Statement[0]';

/** The first statement of TableWriteRole's inline policy, to mutate. */
function roleStatement(t: CfnTemplate): CfnObject {
  const policies = props(t, 'TableWriteRole').Policies as CfnObject[];
  return ((policies[0]!.PolicyDocument as CfnObject).Statement as CfnObject[])[0]!;
}

const tooBroad = (resource: string, reason: string, actions: string) =>
  `Resource '${resource}' (${reason}) is too broad for ${actions}; scope it to specific ARNs ` +
  "('*' is accepted only when every action is one AWS supports solely on '*', e.g. xray:PutTraceSegments)";

describe('checkIam', () => {
  it('passes the clean fixture (Role, ManagedPolicy, SAM documents; execute-api /* and log-delivery * allowed)', () => {
    assert.deepEqual(checkIam(cleanTemplate()), []);
  });

  it("reports Action '*'", () => {
    const t = cleanTemplate();
    roleStatement(t).Action = '*';
    assert.deepEqual(checkIam(t), [
      error(
        'iam/action-wildcard',
        `${ROLE_STATEMENT}.Action`,
        "Action '*' contains a wildcard; list the needed actions explicitly",
      ),
    ]);
  });

  it("reports a service wildcard such as 'dynamodb:*'", () => {
    const t = cleanTemplate();
    roleStatement(t).Action = ['dynamodb:PutItem', 'dynamodb:*'];
    assert.deepEqual(checkIam(t), [
      error(
        'iam/action-wildcard',
        `${ROLE_STATEMENT}.Action[1]`,
        "Action 'dynamodb:*' contains a wildcard; list the needed actions explicitly",
      ),
    ]);
  });

  it("reports Resource '*' for dynamodb:PutItem", () => {
    const t = cleanTemplate();
    Object.assign(roleStatement(t), { Action: 'dynamodb:PutItem', Resource: '*' });
    assert.deepEqual(checkIam(t), [
      error('iam/resource-wildcard', `${ROLE_STATEMENT}.Resource`, tooBroad('*', "bare '*'", 'dynamodb:PutItem')),
    ]);
  });

  it("accepts Resource '*' when every action only supports '*' (xray), and names the others when mixed", () => {
    const t = cleanTemplate();
    Object.assign(roleStatement(t), { Action: ['xray:PutTraceSegments', 'XRay:PutTelemetryRecords'], Resource: '*' });
    assert.deepEqual(checkIam(t), []);
    roleStatement(t).Action = ['xray:PutTraceSegments', 'dynamodb:PutItem'];
    assert.deepEqual(checkIam(t), [
      error('iam/resource-wildcard', `${ROLE_STATEMENT}.Resource`, tooBroad('*', "bare '*'", 'dynamodb:PutItem')),
    ]);
  });

  it('checks the literal text of Fn::Sub resources in SAM policy documents', () => {
    const t = cleanTemplate();
    const policies = props(t, 'ConnectHandler').Policies as CfnObject[];
    const statement = (policies[1]!.Statement as CfnObject[])[0]!;
    const arn = 'arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/*';
    Object.assign(statement, {
      Action: 'dynamodb:GetItem',
      Resource: [{ 'Fn::GetAtt': ['ConnectionsTable', 'Arn'] }, { 'Fn::Sub': arn }],
    });
    assert.deepEqual(checkIam(t), [
      error(
        'iam/resource-wildcard',
        'Resources.ConnectHandler.Properties.Policies[1].Statement[0].Resource[1]',
        tooBroad(arn, "'*' in the resource name", 'dynamodb:GetItem'),
      ),
    ]);
  });

  it('reports NotAction and NotResource in Allow statements, not in Deny statements', () => {
    const t = cleanTemplate();
    Object.assign(roleStatement(t), { NotAction: 'iam:*', NotResource: 'arn:aws:s3:::audit/*' });
    const deny = { Effect: 'Deny', NotAction: 'dynamodb:GetItem', Action: '*', Resource: '*' };
    ((props(t, 'DeployPolicy').PolicyDocument as CfnObject).Statement as CfnValue[]).push(deny);
    assert.deepEqual(checkIam(t), [
      error(
        'iam/not-action',
        `${ROLE_STATEMENT}.NotAction`,
        'NotAction in an Allow statement grants everything except what it lists; use Action with explicit values',
      ),
      error(
        'iam/not-resource',
        `${ROLE_STATEMENT}.NotResource`,
        'NotResource in an Allow statement grants everything except what it lists; use Resource with explicit values',
      ),
    ]);
  });

  it('requires Effect Allow or Deny', () => {
    const t = cleanTemplate();
    roleStatement(t).Effect = 'allow';
    delete ((props(t, 'DeployPolicy').PolicyDocument as CfnObject).Statement as CfnObject[])[0]!.Effect;
    assert.deepEqual(checkIam(t), [
      error('iam/effect', `${ROLE_STATEMENT}.Effect`, `Effect must be 'Allow' or 'Deny' (got "allow")`),
      error(
        'iam/effect',
        'Resources.DeployPolicy.Properties.PolicyDocument.Statement[0].Effect',
        "Effect must be 'Allow' or 'Deny' (got none)",
      ),
    ]);
  });

  it('checks a ManagedPolicy document given as a JSON string, and a single-object Statement', () => {
    const t = cleanTemplate();
    props(t, 'DeployPolicy').PolicyDocument = JSON.stringify({
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:*:123456789012:jobs' },
    });
    assert.deepEqual(checkIam(t), [
      error(
        'iam/resource-wildcard',
        'Resources.DeployPolicy.Properties.PolicyDocument.Statement.Resource',
        tooBroad('arn:aws:sqs:*:123456789012:jobs', "'*' in the region field", 'sqs:SendMessage'),
      ),
    ]);
  });
});

describe('wildcardReason (the Resource rule)', () => {
  const cases: [string, string | undefined][] = [
    ['*', "bare '*'"],
    ['table/*', "'*' in a value that is not an ARN"],
    ['arn:aws:*:us-east-1:123456789012:table/t', "'*' in the service field"],
    ['arn:aws:logs:us-east-1:*:log-group:x', "'*' in the account field"],
    ['arn:aws:dynamodb:us-east-1:123456789012:*', "'*' in the resource type"],
    ['arn:aws:lambda:us-east-1:123456789012:function:*', "'*' in the resource name"],
    ['arn:aws:lambda:us-east-1:123456789012:function:api-*', "'*' in the resource name"],
    ['arn:aws:s3:::*', "'*' in the resource name"],
    ['arn:aws:execute-api:us-east-1:123456789012:*/*', "'*' in the resource name"],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Conn/index/*', undefined],
    ['arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:execution:${Machine.Name}:*', undefined],
    ['arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/fn:*', undefined],
    ['arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:${Api}/*', undefined],
    ['arn:aws:s3:::my-bucket/*', undefined],
    ['arn:aws:dynamodb:us-east-1:123456789012:table/Conn', undefined],
  ];
  for (const [text, expected] of cases) {
    it(`${text} -> ${expected ?? 'allowed'}`, () => assert.equal(wildcardReason(text), expected));
  }

  it('reads Sub and Join literal text; other intrinsics name one resource', () => {
    assert.equal(literalText({ 'Fn::Sub': ['arn:aws:s3:::${B}/*', { B: 'x' }] }), 'arn:aws:s3:::${B}/*');
    assert.equal(
      literalText({ 'Fn::Join': [':', ['arn:aws:sqs', { Ref: 'AWS::Region' }, '*']] }),
      'arn:aws:sqs:${...}:*',
    );
    assert.equal(literalText({ 'Fn::GetAtt': ['Table', 'Arn'] }), undefined);
  });
});
