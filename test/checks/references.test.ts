import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkReferences } from '../../checks/references.ts';
import { loadSpecDatabase, type SpecDatabase } from '../../checks/spec-db.ts';
import type { CfnObject } from '../../cfn/types.ts';
import { cleanTemplate, props } from './fixtures.ts';

let db: SpecDatabase;
before(() => {
  db = loadSpecDatabase();
});

const error = (check: string, path: string, message: string) => ({ check, level: 'error', path, message });

describe('checkReferences', () => {
  it('passes the clean fixture (parameters, pseudo-parameters, SAM-generated role, Sub, Join, Outputs)', () => {
    assert.deepEqual(checkReferences(cleanTemplate(), db), []);
  });

  it('reports a Ref to nothing, and accepts every pseudo-parameter', () => {
    const t = cleanTemplate();
    props(t, 'ConnectPermission').FunctionName = { Ref: 'ConnectHandlr' };
    props(t, 'ConnectPermission').SourceAccount = { Ref: 'AWS::AccountID' };
    // AWS's list spelled out, not imported from checks/references.ts: the documented list is the oracle for the check's.
    props(t, 'ConnectPermission').EventSourceToken = {
      'Fn::Join': [
        '',
        [
          'AWS::AccountId',
          'AWS::NotificationARNs',
          'AWS::NoValue',
          'AWS::Partition',
          'AWS::Region',
          'AWS::StackId',
          'AWS::StackName',
          'AWS::URLSuffix',
        ].map((name) => ({ Ref: name })),
      ],
    };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-target',
        'Resources.ConnectPermission.Properties.FunctionName',
        "Ref 'ConnectHandlr' matches no parameter, resource or pseudo-parameter",
      ),
      error(
        'ref/unknown-target',
        'Resources.ConnectPermission.Properties.SourceAccount',
        "Ref 'AWS::AccountID' matches no parameter, resource or pseudo-parameter",
      ),
    ]);
  });

  it('reports a GetAtt attribute the spec does not list, naming the valid ones', () => {
    const t = cleanTemplate();
    const role = props(t, 'TableWriteRole').Policies as CfnObject[];
    const statement = ((role[0]!.PolicyDocument as CfnObject).Statement as CfnObject[])[0]!;
    statement.Resource = { 'Fn::GetAtt': ['ConnectionsTable', 'TableArn'] };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-attribute',
        'Resources.TableWriteRole.Properties.Policies[0].PolicyDocument.Statement[0].Resource',
        "Fn::GetAtt 'ConnectionsTable.TableArn': AWS::DynamoDB::Table has no attribute 'TableArn' (has: Arn, StreamArn)",
      ),
    ]);
  });

  it('checks GetAtt on SAM types against the resource SAM generates, and on missing resources', () => {
    const t = cleanTemplate();
    t.Outputs!.StateMachineName!.Value = { 'Fn::GetAtt': ['AsyncStateMachine', 'Arn'] }; // valid
    t.Outputs!.HandlerArn = { Value: { 'Fn::GetAtt': 'ConnectHandler.FunctionArn' } };
    t.Outputs!.Gone = { Value: { 'Fn::GetAtt': ['OldTable', 'Arn'] } };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-attribute',
        'Outputs.HandlerArn.Value',
        "Fn::GetAtt 'ConnectHandler.FunctionArn': AWS::Serverless::Function (as AWS::Lambda::Function) has no attribute " +
          "'FunctionArn' (has: SnapStartResponse.OptimizationStatus, SnapStartResponse.ApplyOn, SnapStartResponse, Arn)",
      ),
      error('ref/unknown-target', 'Outputs.Gone.Value', "Fn::GetAtt 'OldTable.Arn': no resource named 'OldTable'"),
    ]);
  });

  it('knows the SAM-generated <Function>Role exists only while the function has no Role', () => {
    const t = cleanTemplate();
    props(t, 'ConnectHandler').Role = { 'Fn::GetAtt': ['TableWriteRole', 'Arn'] };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-target',
        'Outputs.HandlerRoleArn.Value',
        "Fn::GetAtt 'ConnectHandlerRole.Arn': no resource named 'ConnectHandlerRole'",
      ),
    ]);
  });

  it('reports an unresolved ${X} and a bad ${X.Attr} in Fn::Sub', () => {
    const t = cleanTemplate();
    props(t, 'ConnectRoute').Target = { 'Fn::Sub': 'integrations/${ConnectIntegraton}' };
    props(t, 'Authorizer').AuthorizerUri = {
      'Fn::Sub': 'functions/${ConnectHandler.Arn}/${ConnectHandler.Name}/invocations',
    };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-attribute',
        'Resources.Authorizer.Properties.AuthorizerUri',
        "Fn::Sub '${ConnectHandler.Name}': AWS::Serverless::Function (as AWS::Lambda::Function) has no attribute 'Name' " +
          '(has: SnapStartResponse.OptimizationStatus, SnapStartResponse.ApplyOn, SnapStartResponse, Arn)',
      ),
      error(
        'ref/unknown-target',
        'Resources.ConnectRoute.Properties.Target',
        "Fn::Sub '${ConnectIntegraton}' matches no parameter, resource, pseudo-parameter or Sub variable",
      ),
    ]);
  });

  it('ignores ${!literal} in Fn::Sub', () => {
    const t = cleanTemplate();
    props(t, 'ConnectRoute').Target = { 'Fn::Sub': 'integrations/${ConnectIntegration}${!NotAResource}${!Not.AnAttr}' };
    assert.deepEqual(checkReferences(t, db), []);
  });

  it('resolves Sub variables in the [string, variables] form and checks the variable values', () => {
    const t = cleanTemplate();
    props(t, 'ConnectRoute').Target = {
      'Fn::Sub': ['integrations/${Id}/${Missing}', { Id: { Ref: 'ConnectIntegration' }, Other: { Ref: 'Nowhere' } }],
    };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-target',
        'Resources.ConnectRoute.Properties.Target',
        "Fn::Sub '${Missing}' matches no parameter, resource, pseudo-parameter or Sub variable",
      ),
      error(
        'ref/unknown-target',
        'Resources.ConnectRoute.Properties.Target.Fn::Sub[1].Other',
        "Ref 'Nowhere' matches no parameter, resource or pseudo-parameter",
      ),
    ]);
  });

  it('reports DependsOn targets that do not exist (list and string forms)', () => {
    const t = cleanTemplate();
    t.Resources.Deployment!.DependsOn = ['ConnectRoute', 'SendRout'];
    (t.Resources.Stage as unknown as CfnObject).DependsOn = 'ApiAccount';
    assert.deepEqual(checkReferences(t, db), [
      error('ref/depends-on', 'Resources.Deployment.DependsOn[1]', "DependsOn 'SendRout' matches no resource"),
      error('ref/depends-on', 'Resources.Stage.DependsOn', "DependsOn 'ApiAccount' matches no resource"),
    ]);
  });

  it('checks references in Globals and Outputs', () => {
    const t = cleanTemplate();
    (t.Globals!.Function as CfnObject).Environment = { Variables: { TABLE: { Ref: 'Table' } } };
    t.Outputs!.WebSocketUrl!.Value = {
      'Fn::Sub': 'wss://${WebSocketApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${Stag}',
    };
    assert.deepEqual(checkReferences(t, db), [
      error(
        'ref/unknown-target',
        'Globals.Function.Environment.Variables.TABLE',
        "Ref 'Table' matches no parameter, resource or pseudo-parameter",
      ),
      error(
        'ref/unknown-target',
        'Outputs.WebSocketUrl.Value',
        "Fn::Sub '${Stag}' matches no parameter, resource, pseudo-parameter or Sub variable",
      ),
    ]);
  });
});
