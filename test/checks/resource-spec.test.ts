import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { checkResourceSpec } from '../../checks/resource-spec.ts';
import { loadSpecDatabase, type SpecDatabase } from '../../checks/spec-db.ts';
import type { CfnObject, CfnValue } from '../../cfn/types.ts';
import { cleanTemplate, props } from './fixtures.ts';

let db: SpecDatabase;
before(() => {
  db = loadSpecDatabase();
});

const error = (check: string, path: string, message: string) => ({ check, level: 'error', path, message });

describe('checkResourceSpec', () => {
  it('passes the clean fixture', () => {
    assert.deepEqual(checkResourceSpec(cleanTemplate(), db), []);
  });

  it('reports an unknown resource type', () => {
    const t = cleanTemplate();
    t.Resources.ApiLogs!.Type = 'AWS::Logs::LogGrup';
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-type',
        'Resources.ApiLogs.Type',
        "unknown resource type 'AWS::Logs::LogGrup' (not in the CloudFormation resource spec)",
      ),
    ]);
  });

  it('reports an unknown top-level property, with a case hint when one matches', () => {
    const t = cleanTemplate();
    props(t, 'ConnectionsTable').TableNmae = 'connections';
    props(t, 'ConnectionsTable').billingMode = 'PROVISIONED';
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-property',
        'Resources.ConnectionsTable.Properties.TableNmae',
        "unknown property 'TableNmae' for AWS::DynamoDB::Table",
      ),
      error(
        'spec/unknown-property',
        'Resources.ConnectionsTable.Properties.billingMode',
        "unknown property 'billingMode' for AWS::DynamoDB::Table (did you mean 'BillingMode'?)",
      ),
    ]);
  });

  it('reports a missing required property', () => {
    const t = cleanTemplate();
    delete props(t, 'ConnectionsTable').KeySchema;
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/missing-required',
        'Resources.ConnectionsTable.Properties',
        "missing required property 'KeySchema' for AWS::DynamoDB::Table",
      ),
    ]);
  });

  it('checks property names inside array items of a typed struct (KeySchema)', () => {
    const t = cleanTemplate();
    (props(t, 'ConnectionsTable').KeySchema as CfnObject[])[0]!.Order = 1;
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-property',
        'Resources.ConnectionsTable.Properties.KeySchema[0].Order',
        "unknown property 'Order' in KeySchema (AWS::DynamoDB::Table)",
      ),
    ]);
  });

  it('checks nested structs two levels deep, including their required properties', () => {
    const t = cleanTemplate();
    const config = props(t, 'Distribution').DistributionConfig as CfnObject;
    const behavior = config.DefaultCacheBehavior as CfnObject;
    behavior.ViewerProtocolPolcy = behavior.ViewerProtocolPolicy!;
    delete behavior.ViewerProtocolPolicy;
    const base = 'Resources.Distribution.Properties.DistributionConfig.DefaultCacheBehavior';
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-property',
        `${base}.ViewerProtocolPolcy`,
        "unknown property 'ViewerProtocolPolcy' in DefaultCacheBehavior (AWS::CloudFront::Distribution)",
      ),
      error(
        'spec/missing-required',
        base,
        "missing required property 'ViewerProtocolPolicy' in DefaultCacheBehavior (AWS::CloudFront::Distribution)",
      ),
    ]);
  });

  it('skips values given as intrinsics', () => {
    const t = cleanTemplate();
    const keySchema = props(t, 'ConnectionsTable').KeySchema as CfnValue;
    props(t, 'ConnectionsTable').KeySchema = { 'Fn::If': ['UseRange', { Unchecked: true }, keySchema] };
    props(t, 'Distribution').DistributionConfig = { 'Fn::GetAtt': ['Somewhere', 'Config'] };
    assert.deepEqual(checkResourceSpec(t, db), []);
  });

  it('accepts SAM properties newer than the spec and rejects unknown ones', () => {
    const t = cleanTemplate();
    Object.assign(props(t, 'ConnectHandler'), {
      SnapStart: { ApplyOn: 'None' },
      RuntimeManagementConfig: { UpdateRuntimeOn: 'Auto' },
    });
    props(t, 'AsyncStateMachine').PropagateTags = true;
    props(t, 'ConnectHandler').Metadata = { BuildMethod: 'esbuild' };
    props(t, 'AsyncStateMachine').PermissionsBoundaries = 'arn:aws:iam::123456789012:policy/boundary';
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-property',
        'Resources.ConnectHandler.Properties.Metadata',
        "unknown property 'Metadata' for AWS::Serverless::Function",
      ),
      error(
        'spec/unknown-property',
        'Resources.AsyncStateMachine.Properties.PermissionsBoundaries',
        "unknown property 'PermissionsBoundaries' for AWS::Serverless::StateMachine (the SAM translator accepts 'PermissionsBoundary')",
      ),
    ]);
  });

  it('reports unknown resource-level keys', () => {
    const t = cleanTemplate();
    const resource = t.Resources.ApiLogs as unknown as CfnObject;
    resource.Propertes = resource.Properties!;
    delete resource.Properties;
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/unknown-resource-key',
        'Resources.ApiLogs.Propertes',
        "unknown resource key 'Propertes' (allowed: Type, Properties, DependsOn, Metadata, Condition, DeletionPolicy, UpdateReplacePolicy, CreationPolicy, UpdatePolicy)",
      ),
    ]);
  });

  it('checks Globals sections and the properties SAM allows in them', () => {
    const t = cleanTemplate();
    (t.Globals!.Function as CfnObject).Role = 'arn:aws:iam::123456789012:role/x';
    t.Globals!.Functions = {};
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/globals',
        'Globals.Function.Role',
        "property 'Role' cannot be set in Globals.Function (SAM allows it only on the resource, or it does not exist)",
      ),
      error(
        'spec/globals',
        'Globals.Functions',
        "unknown Globals section 'Functions' (SAM supports: Function, StateMachine, Api, HttpApi, SimpleTable, LayerVersion, CapacityProvider, WebSocketApi)",
      ),
    ]);
  });

  it('requires the SAM transform when SAM types are used', () => {
    const t = cleanTemplate();
    delete t.Transform;
    delete t.Globals;
    assert.deepEqual(checkResourceSpec(t, db), [
      error(
        'spec/missing-transform',
        'Transform',
        "resource 'ConnectHandler' has SAM type AWS::Serverless::Function, which needs 'Transform: AWS::Serverless-2016-10-31'",
      ),
    ]);
  });
});
