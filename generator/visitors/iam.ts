import type { CfnObject, CfnResource, CfnValue } from '../../cfn/types.ts';

/** A role that one AWS service assumes, with one inline policy of single-purpose statements (none if empty). */
export function serviceRole(service: string, policyName: string, statements: CfnObject[]): CfnResource {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: [service] }, Action: ['sts:AssumeRole'] }],
      },
      ...(statements.length > 0
        ? { Policies: [{ PolicyName: policyName, PolicyDocument: { Version: '2012-10-17', Statement: statements } }] }
        : {}),
    },
  };
}

/** One action on one resource: least privilege, easy to review. */
export function allow(action: string, resource: CfnValue): CfnObject {
  return { Effect: 'Allow', Action: [action], Resource: [resource] };
}

/**
 * X-Ray's write actions support no resource-level permissions, so `Resource: '*'` is the only
 * valid form (the template checks allow-list exactly these actions).
 */
export function xrayWrite(): CfnObject {
  return {
    Effect: 'Allow',
    Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    Resource: ['*'],
  };
}
