import type { DecisionRecord } from './decision-record.ts';
import type { PolicyStatement, TemplatePolicies } from './types.ts';

/** The services the local stack runs: a statement on any other service cannot be used by a local run. */
const EMULATED_SERVICES = new Set(['dynamodb', 'states', 'lambda', 'execute-api']);

/** A call of the run: what was asked, on what. */
export interface UsedCall {
  action: string;
  resource: string;
}

export interface StatementUsage {
  /** The policy's name, as the log names it (`Role/PolicyName`, or a managed policy's ARN). */
  policy: string;
  index: number;
  statement: PolicyStatement;
  /** Distinct calls of the run this statement allowed (or, for a Deny, refused). */
  used: UsedCall[];
  /**
   * `used`; `unused`: none of the run's calls needed it; `not-local`: every action it names is of a service the
   * local stack does not run (logs, xray, ...), so no local run can use it.
   */
  status: 'used' | 'unused' | 'not-local';
}

export interface RoleUsage {
  logicalId: string;
  arn: string;
  statements: StatementUsage[];
  /** Calls of the run the role was refused. */
  denied: UsedCall[];
}

export interface UsageReport {
  roles: RoleUsage[];
  /** Decisions on functions' resource policies (a service such as API Gateway invoking a function), by function ARN. */
  functionPolicies: Array<{
    functionArn: string;
    callers: Array<{ principal: string; action: string; allowed: boolean }>;
  }>;
  /** Roles the run's log names that the template does not have (the template changed since the run). */
  unknownRoles: string[];
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function isLocalService(statement: PolicyStatement): boolean {
  if (statement.NotAction !== undefined) return true; // "everything but …" includes the emulated services
  return asList(statement.Action).some(
    (action) => action === '*' || EMULATED_SERVICES.has(action.split(':')[0]?.toLowerCase() ?? ''),
  );
}

/** Adds `call` to `calls` unless an equal one is there (a run's log may repeat a decision). */
function addDistinct(calls: UsedCall[], call: UsedCall): void {
  if (!calls.some((known) => known.action === call.action && known.resource === call.resource)) calls.push(call);
}

/**
 * Per role of the template: each statement of each of its policies, with the calls of a run (its decision records)
 * that statement decided, so statements no call needed show up; and what each role was refused. A record names its
 * role by logical ID and its statement by policy name and index, as the evaluator reported them.
 */
export function usageReport(policies: TemplatePolicies, records: DecisionRecord[]): UsageReport {
  const roleIds = new Set(policies.roles.map((role) => role.logicalId));
  const roles = policies.roles.map((role): RoleUsage => {
    const own = records.filter((record) => record.role === role.logicalId);
    const statements = role.policies.flatMap((policy) =>
      asList(policy.document.Statement).map((statement, index): StatementUsage => {
        const used: UsedCall[] = [];
        for (const record of own) {
          if (record.policy === policy.name && record.statement === index)
            addDistinct(used, { action: record.action, resource: record.resource });
        }
        const status = used.length > 0 ? 'used' : isLocalService(statement) ? 'unused' : 'not-local';
        return { policy: policy.name, index, statement, used, status };
      }),
    );
    const denied: UsedCall[] = [];
    for (const record of own)
      if (!record.allowed) addDistinct(denied, { action: record.action, resource: record.resource });
    return { logicalId: role.logicalId, arn: role.arn, statements, denied };
  });
  const byFunction = new Map<string, Array<{ principal: string; action: string; allowed: boolean }>>();
  for (const record of records) {
    if (record.role !== undefined) continue;
    const callers = byFunction.get(record.resource) ?? [];
    byFunction.set(record.resource, callers);
    const caller = { principal: record.principal, action: record.action, allowed: record.allowed };
    if (
      !callers.some(
        (known) =>
          known.principal === caller.principal && known.action === caller.action && known.allowed === caller.allowed,
      )
    )
      callers.push(caller);
  }
  const unknownRoles = [
    ...new Set(
      records.flatMap((record) => (record.role !== undefined && !roleIds.has(record.role) ? [record.role] : [])),
    ),
  ];
  return {
    roles,
    functionPolicies: [...byFunction].map(([functionArn, callers]) => ({ functionArn, callers })),
    unknownRoles,
  };
}
