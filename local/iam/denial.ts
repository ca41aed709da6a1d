import type { DecidingStatement, IamDecision, IamRequest, LocalRole, PolicyStatement } from './types.ts';

type Denied = Extract<IamDecision, { allowed: false }>;

/** Who AWS names in an access-denied message: the role's session (`assumed-role/{name}/{session}`), or the service. */
export function callerName(request: IamRequest, role: LocalRole | undefined): string {
  if (role === undefined) return request.principal;
  const [, partition = 'aws', , , account = ''] = role.arn.split(':');
  return `arn:${partition}:sts::${account}:assumed-role/${role.roleName}/${request.sessionName ?? 'local'}`;
}

/**
 * AWS's access-denied wording (IAM User Guide, "Troubleshooting access denied error messages"):
 * `User: {principal} is not authorized to perform: {action} on resource: {resource} because no
 * identity-based policy allows the {action} action` / `... with an explicit deny in an identity-based policy`.
 */
export function accessDeniedMessage(
  request: IamRequest,
  who: string,
  explicit: boolean,
  policyType: 'identity-based' | 'resource-based',
): string {
  const head = `User: ${who} is not authorized to perform: ${request.action} on resource: ${request.resource}`;
  const article = policyType === 'identity-based' ? 'an' : 'a';
  return explicit
    ? `${head} with an explicit deny in ${article} ${policyType} policy`
    : `${head} because no ${policyType} policy allows the ${request.action} action`;
}

/** The statement that would allow an implicitly denied call: on the role, or on the function's resource policy for a service. */
export function suggestedStatement(request: IamRequest, role: LocalRole | undefined): PolicyStatement {
  if (role !== undefined) return { Effect: 'Allow', Action: request.action, Resource: request.resource };
  const sourceArn = request.context?.['aws:SourceArn'];
  return {
    Effect: 'Allow',
    Principal: { Service: request.principal },
    Action: request.action,
    Resource: request.resource,
    ...(typeof sourceArn === 'string' ? { Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } } } : {}),
  };
}

const statementName = (statement: DecidingStatement) =>
  `${statement.policy} Statement[${statement.index}]${statement.sid ? ` (Sid ${statement.sid})` : ''}`;

/** One log line naming the caller, the action, the resource, and what would allow it (or what denied it). */
export function denialLogLine(request: IamRequest, role: LocalRole | undefined, decision: Denied): string {
  const caller = role ? `role ${role.logicalId} (${role.arn})` : `principal ${request.principal}`;
  const head = `AccessDenied: ${caller} may not ${request.action} on ${request.resource}`;
  const missing =
    decision.missingConditionKeys.length > 0
      ? ` Conditions on keys the request did not carry (the local stack does not supply them): ${decision.missingConditionKeys.join(', ')}.`
      : '';
  switch (decision.reason) {
    case 'explicit-deny':
      return `${head}: explicitly denied by ${decision.statement ? statementName(decision.statement) : 'a Deny statement'}.${missing}`;
    case 'implicit-deny':
      return `${head}: no statement allows it.${missing} A statement that would allow it: ${JSON.stringify(decision.wouldAllow)}`;
    case 'invalid-request':
      return `${head}: ${decision.message}`;
  }
}
