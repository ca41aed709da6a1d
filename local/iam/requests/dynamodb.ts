import { isMapping } from '../../shared/is-mapping.ts';
import type { ArnScope, RequestAuthorizations, ResourceAction } from './types.ts';

/** Actions whose resource is the table named by `TableName` (Query/Scan may name an index instead). */
const TABLE_ACTIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'DescribeTable',
  'UpdateTable',
  'DeleteTable',
  'CreateTable',
  'DescribeTimeToLive',
  'UpdateTimeToLive',
  'DescribeContinuousBackups',
  'UpdateContinuousBackups',
  'ListTagsOfResource',
]);
/** Actions IAM authorizes on `*` only. */
const WILDCARD_ONLY = new Set(['ListTables', 'DescribeLimits', 'DescribeEndpoints']);
/** TransactWriteItems/TransactGetItems have no IAM action of their own: each item needs its underlying action. */
const TRANSACT_ACTIONS: Record<string, string> = {
  ConditionCheck: 'ConditionCheckItem',
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
};

/** A `TableName` (a name, or since 2024 also the table's ARN) → the table ARN. */
export function tableArn(table: string, scope: ArnScope): string {
  return table.startsWith('arn:')
    ? table
    : `arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${table}`;
}

/**
 * A DynamoDB JSON 1.0 request (the operation from `X-Amz-Target: DynamoDB_20120810.<Operation>`, and the
 * parsed body) → the IAM actions and resources AWS authorizes for it (DynamoDB Developer Guide, "Amazon
 * DynamoDB API permissions: Actions, resources, and conditions reference"): the table ARN, or
 * `…/table/T/index/I` for Query/Scan on an index; one check per table for batch operations; the
 * underlying item action per item for transactions. Operations it cannot map (PartiQL, backups, …)
 * and bodies without a table are `unmapped`: the caller lets the service answer them.
 */
export function dynamodbAuthorizations(operation: string, body: unknown, scope: ArnScope): RequestAuthorizations {
  const request = isMapping(body) ? body : {};
  const on = (action: string, resource: string): ResourceAction => ({ action: `dynamodb:${action}`, resource });
  if (WILDCARD_ONLY.has(operation)) return { kind: 'checks', checks: [on(operation, '*')] };
  if (TABLE_ACTIONS.has(operation)) {
    const table = request['TableName'];
    if (typeof table !== 'string' || table === '')
      return { kind: 'unmapped', reason: `${operation} without a TableName` };
    const index = request['IndexName'];
    const onIndex = (operation === 'Query' || operation === 'Scan') && typeof index === 'string' && index !== '';
    return {
      kind: 'checks',
      checks: [on(operation, onIndex ? `${tableArn(table, scope)}/index/${index}` : tableArn(table, scope))],
    };
  }
  if (operation === 'BatchGetItem' || operation === 'BatchWriteItem') {
    const tables = Object.keys(isMapping(request['RequestItems']) ? request['RequestItems'] : {});
    if (tables.length === 0) return { kind: 'unmapped', reason: `${operation} without RequestItems` };
    return { kind: 'checks', checks: tables.map((table) => on(operation, tableArn(table, scope))) };
  }
  if (operation === 'TransactWriteItems' || operation === 'TransactGetItems') {
    const items = Array.isArray(request['TransactItems']) ? request['TransactItems'] : [];
    const checks: ResourceAction[] = [];
    for (const item of items) {
      for (const [kind, detail] of Object.entries(isMapping(item) ? item : {})) {
        const action = TRANSACT_ACTIONS[kind];
        const table = isMapping(detail) ? detail['TableName'] : undefined;
        if (action !== undefined && typeof table === 'string' && table !== '')
          checks.push(on(action, tableArn(table, scope)));
      }
    }
    if (checks.length === 0) return { kind: 'unmapped', reason: `${operation} without TransactItems naming tables` };
    return { kind: 'checks', checks: dedupe(checks) };
  }
  return { kind: 'unmapped', reason: `DynamoDB operation ${operation} is not mapped to IAM actions locally` };
}

function dedupe(checks: ResourceAction[]): ResourceAction[] {
  const seen = new Set<string>();
  return checks.filter((check) => {
    const key = `${check.action} ${check.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
