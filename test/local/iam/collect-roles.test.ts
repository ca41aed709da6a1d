/** Which policies each role of a template gets: written roles, attached policies, SAM's implicit roles, Lambda permissions. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectTemplatePolicies, IamTemplateError, type LocalRole } from '../../../local/iam/index.ts';
import { loadLocalTemplate } from '../../../local/template/index.ts';
import { STACK, yamlTemplate } from '../template/fixtures.ts';

const ACCOUNT = STACK.accountId;
const REGION = STACK.region;
const TRUST = `AssumeRolePolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { Service: apigateway.amazonaws.com }, Action: sts:AssumeRole }] }`;
const collect = (resources: string) =>
  collectTemplatePolicies(loadLocalTemplate(yamlTemplate(`Resources:\n${resources}`), STACK));
const roleNamed = (roles: LocalRole[], logicalId: string) => {
  const found = roles.find((role) => role.logicalId === logicalId);
  assert.ok(found, `no role ${logicalId} among ${roles.map((r) => r.logicalId).join(', ')}`);
  return found;
};
const names = (role: LocalRole) => role.policies.map((policy) => policy.name);

describe('collectTemplatePolicies', () => {
  it('gathers inline, attached, template-managed and known AWS managed policies of a written role', () => {
    const { roles, warnings } = collect(`
  Table:
    Type: AWS::DynamoDB::Table
    Properties: { KeySchema: [{ AttributeName: id, KeyType: HASH }], AttributeDefinitions: [{ AttributeName: id, AttributeType: S }], BillingMode: PAY_PER_REQUEST }
  Writer:
    Type: AWS::IAM::Role
    Properties:
      ${TRUST}
      Policies:
        - PolicyName: Put
          PolicyDocument: { Statement: [{ Effect: Allow, Action: dynamodb:PutItem, Resource: !GetAtt Table.Arn }] }
      ManagedPolicyArns:
        - !Ref Shared
        - arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess
        - arn:aws:iam::aws:policy/AdministratorAccess
  Shared:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument: { Statement: [{ Effect: Allow, Action: dynamodb:GetItem, Resource: "*" }] }
  Extra:
    Type: AWS::IAM::Policy
    Properties:
      PolicyName: Delete
      Roles: [!Ref Writer, SomeoneElse]
      PolicyDocument: { Statement: [{ Effect: Deny, Action: dynamodb:DeleteItem, Resource: "*" }] }
  One:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyName: Query
      RoleName: !Ref Writer
      PolicyDocument: { Statement: [{ Effect: Allow, Action: dynamodb:Query, Resource: "*" }] }
`);
    const writer = roleNamed(roles, 'Writer');
    assert.equal(writer.arn, `arn:aws:iam::${ACCOUNT}:role/${STACK.stackName}-Writer`);
    const sharedArn = `arn:aws:iam::${ACCOUNT}:policy/${STACK.stackName}-Shared-`;
    assert.deepEqual(
      names(writer).map((name) => name.replace(/Shared-[A-Z0-9]{12}/, 'Shared-')),
      ['Writer/Put', 'Extra/Delete', 'One/Query', `${sharedArn}`, 'arn:aws:iam::aws:policy/AWSXRayDaemonWriteAccess'],
    );
    assert.deepEqual(warnings, [
      'Resources.Extra: attached to "SomeoneElse", which is not a role of this template (not evaluated)',
      'role Writer: managed policy arn:aws:iam::aws:policy/AdministratorAccess is not known locally; its permissions are missing',
    ]);
  });

  it('builds the role SAM creates for a function: basic execution, X-Ray, VPC, DLQ, Policies in order', () => {
    const { roles, warnings } = collect(`
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: ./
      Handler: a.handler
      Runtime: nodejs22.x
      Tracing: Active
      VpcConfig: { SubnetIds: [s], SecurityGroupIds: [g] }
      DeadLetterQueue: { Type: SQS, TargetArn: arn:aws:sqs:${REGION}:${ACCOUNT}:dlq }
      Policies:
        - AWSLambdaDynamoDBExecutionRole
        - Statement: [{ Effect: Allow, Action: states:StartExecution, Resource: "*" }]
        - DynamoDBCrudPolicy: { TableName: Sessions }
        - RekognitionLabelsPolicy: {}
        - arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole
`);
    const role = roleNamed(roles, 'FnRole');
    assert.equal(role.arn, `arn:aws:iam::${ACCOUNT}:role/${STACK.stackName}-FnRole`);
    assert.deepEqual(names(role), [
      'FnRole/DeadLetterQueue',
      'FnRolePolicy1',
      'FnRolePolicy2 (DynamoDBCrudPolicy)',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      'arn:aws:iam::aws:policy/service-role/AWSLambdaDynamoDBExecutionRole',
    ]);
    assert.deepEqual(role.trustPolicy, {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: ['lambda.amazonaws.com'] }, Action: ['sts:AssumeRole'] }],
    });
    assert.deepEqual(warnings, [
      'Resources.Fn.Properties.Policies[3]: SAM policy template RekognitionLabelsPolicy is not expanded locally; its permissions are missing',
    ]);
  });

  it('a state machine gets X-Ray with tracing; a function with Role keeps it and SAM ignores its Policies', () => {
    const { roles, warnings, executionRoles } = collect(`
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Tracing: { Enabled: true }
      Policies: [{ LambdaInvokePolicy: { FunctionName: worker } }]
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ./, Handler: a.handler, Runtime: nodejs22.x, Role: arn:aws:iam::${ACCOUNT}:role/elsewhere, Policies: [AWSLambdaRole] }
`);
    assert.deepEqual(names(roleNamed(roles, 'MachineRole')), [
      'MachineRolePolicy0 (LambdaInvokePolicy)',
      'arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess',
    ]);
    assert.equal(
      roles.some((role) => role.logicalId === 'FnRole'),
      false,
    );
    assert.deepEqual(Object.fromEntries(executionRoles), {
      Fn: `arn:aws:iam::${ACCOUNT}:role/elsewhere`,
      Machine: `arn:aws:iam::${ACCOUNT}:role/${STACK.stackName}-MachineRole`,
    });
    assert.deepEqual(warnings, [
      'Resources.Fn.Properties.Policies: ignored because Role is set (SAM attaches Policies only to the role it creates)',
    ]);
  });

  it('refuses what CloudFormation or SAM refuse, listing every problem', () => {
    assert.throws(
      () =>
        collect(`
  Machine:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
      Role: arn:aws:iam::${ACCOUNT}:role/r
      Policies: [AWSLambdaRole]
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ./, Handler: a.handler, Runtime: nodejs22.x, Policies: [{ DynamoDBCrudPolicy: {} }, { Nope: 1, Two: 2 }] }
  Bad:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: "not a document"
      Policies: [{ PolicyDocument: { Statement: [] } }]
`),
      (error: unknown) => {
        assert.ok(error instanceof IamTemplateError);
        assert.deepEqual(error.problems, [
          'Resources.Bad.Properties.Policies[0].PolicyName: must be a string, got undefined',
          'Resources.Bad.Properties.AssumeRolePolicyDocument: must be a policy document with a Statement, got "not a document"',
          "Resources.Fn.Properties.Policies[0]: Following required parameters of template 'DynamoDBCrudPolicy' don't have values: [\"TableName\"]",
          'Resources.Fn.Properties.Policies[1]: Policy at index 1 in the \'Policies\' property is not valid (got {"Nope":1,"Two":2})',
          "Resources.Machine.Properties: Specify either 'Role' or 'Policies' (but not both at the same time) or neither of them",
        ]);
        assert.match(error.message, /start with --iam off/);
        return true;
      },
    );
  });

  it("builds each function's resource policy from AWS::Lambda::Permission, an alias's or version's under its own ARN", () => {
    const { functionPolicies, warnings } = collect(`
  Fn:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ./, Handler: a.handler, Runtime: nodejs22.x }
  Invoke:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Ref Fn, Principal: apigateway.amazonaws.com, SourceArn: !Sub "arn:aws:execute-api:\${AWS::Region}:\${AWS::AccountId}:api/*/$default", SourceAccount: !Ref AWS::AccountId }
  ByArn:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !GetAtt Fn.Arn, Principal: "${ACCOUNT}" }
  Aliased:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Sub "\${Fn}:live", Principal: "*" }
  OnVersion:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Sub "\${Fn.Arn}:3", Principal: "*" }
  OnLatest:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Sub "\${Fn}:$LATEST", Principal: "*" }
  Elsewhere:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: "other-function:live", Principal: "*" }
  BadQualifier:
    Type: AWS::Lambda::Permission
    Properties: { Action: lambda:InvokeFunction, FunctionName: !Sub "\${Fn}:not/valid", Principal: "*" }
`);
    const arn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${STACK.stackName}-Fn`;
    assert.deepEqual(functionPolicies.get(arn), {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Invoke',
          Effect: 'Allow',
          Principal: { Service: 'apigateway.amazonaws.com' },
          Action: 'lambda:InvokeFunction',
          Resource: arn,
          Condition: {
            ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:${REGION}:${ACCOUNT}:api/*/$default` },
            StringEquals: { 'AWS:SourceAccount': ACCOUNT },
          },
        },
        {
          Sid: 'ByArn',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
          Action: 'lambda:InvokeFunction',
          Resource: arn,
        },
      ],
    });
    const anyone = (Sid: string, Resource: string) => ({
      Version: '2012-10-17',
      Statement: [{ Sid, Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource }],
    });
    assert.deepEqual(functionPolicies.get(`${arn}:live`), anyone('Aliased', `${arn}:live`));
    assert.deepEqual(functionPolicies.get(`${arn}:3`), anyone('OnVersion', `${arn}:3`));
    assert.equal(functionPolicies.size, 3, [...functionPolicies.keys()].join(', '));
    assert.deepEqual(warnings, [
      `Resources.OnLatest.Properties.FunctionName: "${STACK.stackName}-Fn:$LATEST" names $LATEST, which Lambda does not accept policies on (permission not evaluated)`,
      'Resources.Elsewhere.Properties.FunctionName: "other-function:live" is not a function of this template, or an alias or version of one (permission not evaluated)',
      `Resources.BadQualifier.Properties.FunctionName: "${STACK.stackName}-Fn:not/valid" is not a function of this template, or an alias or version of one (permission not evaluated)`,
    ]);
  });
});
