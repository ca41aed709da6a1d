import { isMapping } from '../../shared/is-mapping.ts';
import type { ArnScope, RequestAuthorizations } from './types.ts';

/** Step Functions operations → the member naming the resource they are authorized on (ListStateMachines: all). */
const STATES_RESOURCES: Record<string, 'stateMachineArn' | 'executionArn' | '*'> = {
  StartExecution: 'stateMachineArn',
  StartSyncExecution: 'stateMachineArn',
  DescribeStateMachine: 'stateMachineArn',
  ListExecutions: 'stateMachineArn',
  DescribeExecution: 'executionArn',
  GetExecutionHistory: 'executionArn',
  StopExecution: 'executionArn',
  ListStateMachines: '*',
};

/**
 * A Step Functions request (JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`): `states:<Operation>` on the
 * state machine or execution ARN the body names, or on `*` for ListStateMachines (Step Functions Developer Guide,
 * "IAM policies for Step Functions"; Service Authorization Reference, "Actions defined by AWS Step Functions").
 * A body without its ARN, or another operation, is `unmapped`: the service answers it.
 */
export function statesAuthorizations(operation: string, body: unknown): RequestAuthorizations {
  const member = Object.hasOwn(STATES_RESOURCES, operation) ? STATES_RESOURCES[operation] : undefined;
  if (member === undefined)
    return { kind: 'unmapped', reason: `Step Functions operation ${operation} is not mapped to IAM actions locally` };
  if (member === '*') return { kind: 'checks', checks: [{ action: `states:${operation}`, resource: '*' }] };
  const arn = isMapping(body) ? body[member] : undefined;
  if (typeof arn !== 'string' || arn === '') return { kind: 'unmapped', reason: `${operation} without a ${member}` };
  return { kind: 'checks', checks: [{ action: `states:${operation}`, resource: arn }] };
}

/** The `@connections` operations: POST (PostToConnection), GET (GetConnection), DELETE (DeleteConnection). */
export type ConnectionsMethod = 'POST' | 'GET' | 'DELETE';

/**
 * The resource AWS authorizes `execute-api:ManageConnections` on for an `@connections` call:
 * `arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/{METHOD}/@connections/{connectionId}`, with the
 * literal text `{connectionId}` in place of the id. That is the resource AWS names in its AccessDenied
 * messages (aws/aws-cdk#18410: `.../stage/DELETE/@connections/{connectionId}`; aws-solutions/
 * innovation-sandbox-on-aws#59: `.../prod/POST/@connections/{connectionId}`), so a policy can grant one
 * method but never one connection: `{` is not an IAM wildcard, and a policy naming a real id never matches.
 */
export function connectionsResource(
  scope: ArnScope & { apiId: string; stage: string },
  method: ConnectionsMethod,
): string {
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${scope.stage}/${method}/@connections/{connectionId}`;
}

export function connectionsAuthorizations(
  scope: ArnScope & { apiId: string; stage: string },
  method: string,
): RequestAuthorizations {
  if (method !== 'POST' && method !== 'GET' && method !== 'DELETE')
    return { kind: 'unmapped', reason: `@connections has no ${method} operation` };
  return {
    kind: 'checks',
    checks: [{ action: 'execute-api:ManageConnections', resource: connectionsResource(scope, method) }],
  };
}

/** Lambda `Invoke`: `lambda:InvokeFunction` on the function ARN. */
export function lambdaInvokeAuthorizations(functionArn: string): RequestAuthorizations {
  return { kind: 'checks', checks: [{ action: 'lambda:InvokeFunction', resource: functionArn }] };
}

/** API Gateway's `aws:SourceArn` when it invokes a function: the route (`{apiId}/{stage}/{routeKey}`) or the authorizer. */
export function apiGatewaySourceArn(
  scope: ArnScope & { apiId: string },
  path: { stage: string; routeKey: string } | { authorizerId: string },
): string {
  const tail = 'authorizerId' in path ? `authorizers/${path.authorizerId}` : `${path.stage}/${path.routeKey}`;
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${tail}`;
}
