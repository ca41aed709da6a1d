import { isMapping } from '../../shared/is-mapping.ts';
import type { ArnScope, RequestAuthorizations } from './types.ts';

/**
 * Step Functions `StartExecution` / `StartSyncExecution` (JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`):
 * `states:<Operation>` on the state machine ARN the body names (Step Functions Developer Guide, "IAM
 * policies for Step Functions"). A body without one is `unmapped`: the service answers it.
 */
export function statesAuthorizations(operation: string, body: unknown): RequestAuthorizations {
  if (operation !== 'StartExecution' && operation !== 'StartSyncExecution') {
    return { kind: 'unmapped', reason: `Step Functions operation ${operation} is not mapped to IAM actions locally` };
  }
  const arn = isMapping(body) ? body['stateMachineArn'] : undefined;
  if (typeof arn !== 'string' || arn === '') return { kind: 'unmapped', reason: `${operation} without a stateMachineArn` };
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
export function connectionsResource(scope: ArnScope & { apiId: string; stage: string }, method: ConnectionsMethod): string {
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${scope.stage}/${method}/@connections/{connectionId}`;
}

export function connectionsAuthorizations(scope: ArnScope & { apiId: string; stage: string }, method: string): RequestAuthorizations {
  if (method !== 'POST' && method !== 'GET' && method !== 'DELETE') return { kind: 'unmapped', reason: `@connections has no ${method} operation` };
  return { kind: 'checks', checks: [{ action: 'execute-api:ManageConnections', resource: connectionsResource(scope, method) }] };
}

/** Lambda `Invoke`: `lambda:InvokeFunction` on the function ARN. */
export function lambdaInvokeAuthorizations(functionArn: string): RequestAuthorizations {
  return { kind: 'checks', checks: [{ action: 'lambda:InvokeFunction', resource: functionArn }] };
}

/** API Gateway's `aws:SourceArn` when it invokes a function: the route (`{apiId}/{stage}/{routeKey}`) or the authorizer. */
export function apiGatewaySourceArn(scope: ArnScope & { apiId: string }, path: { stage: string; routeKey: string } | { authorizerId: string }): string {
  const tail = 'authorizerId' in path ? `authorizers/${path.authorizerId}` : `${path.stage}/${path.routeKey}`;
  return `arn:${scope.partition}:execute-api:${scope.region}:${scope.accountId}:${scope.apiId}/${tail}`;
}
