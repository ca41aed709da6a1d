import { getAtt, join, ref, sub, type CfnObject, type CfnValue } from '../../cfn/types.ts';
import { wildcardReason } from '../../checks/iam-resource.ts';
import { CONNECTIONS_ACCESS, SESSIONS_ACCESS, type AccessConfig } from '../config/access.ts';
import type { WsConfig } from '../config/index.ts';
import { TABLE_ACCESS, tableVariable } from '../config/tables.ts';
import { QUEUE_ACCESS, queueVariable } from '../config/queues.ts';
import { declaredQueueIds, declaredTableId, LOGICAL_IDS } from '../naming.ts';
import { sessionIndexes } from '../sessions/record.ts';
import { connectionsArn, connectionsEndpoint } from './connections-api.ts';
import { allow } from './iam.ts';

/** What a function's `access` becomes in its resource. */
export interface AccessGrants {
  /** One statement per action and resource, in the order `access` lists them. */
  statements: CfnObject[];
  environment: Record<string, CfnValue>;
  /** Reviewed acceptances (`Metadata.checks.accept`) for the explicit statements' wildcard resources. */
  acceptances: CfnObject[];
}

/**
 * `access` as IAM statements and environment: the sessions table's actions on the table (Query also on each index),
 * `execute-api:ManageConnections` on the stage's `@connections` per method, each declared table's actions on it (Query
 * also on each index) with its name in `<NAME>_TABLE`, each declared queue's actions with its URL in `<NAME>_QUEUE_URL`,
 * and each explicit statement split into
 * one statement per action and resource. `statementOffset` is the index the first statement will have in the
 * function's policy (after any statements the function's kind adds), for the acceptances' paths.
 */
export function accessGrants(access: AccessConfig, config: WsConfig, statementOffset = 0): AccessGrants {
  const statements: CfnObject[] = [];
  const environment: Record<string, CfnValue> = {};
  const acceptances: CfnObject[] = [];
  const tableArn = getAtt(LOGICAL_IDS.sessionsTable, 'Arn');
  for (const grant of access.sessions) {
    for (const action of SESSIONS_ACCESS[grant]) {
      statements.push(allow(`dynamodb:${action}`, tableArn));
      if (action === 'Query') {
        for (const index of sessionIndexes(config))
          statements.push(allow('dynamodb:Query', join('/', [tableArn, 'index', index.name])));
      }
    }
  }
  if (access.sessions.length > 0) environment['PARTITION_KEY'] = config.sessions.partitionKey;
  for (const method of access.connections)
    statements.push(allow('execute-api:ManageConnections', connectionsArn(CONNECTIONS_ACCESS[method])));
  if (access.connections.length > 0) environment['CONNECTIONS_ENDPOINT'] = connectionsEndpoint();
  for (const [name, grants] of Object.entries(access.tables)) {
    const id = declaredTableId(name);
    const arn = getAtt(id, 'Arn');
    for (const grant of grants) {
      for (const action of TABLE_ACCESS[grant]) {
        statements.push(allow(`dynamodb:${action}`, arn));
        if (action === 'Query') {
          for (const index of config.tables[name]?.indexes ?? [])
            statements.push(allow('dynamodb:Query', join('/', [arn, 'index', index.name])));
        }
      }
    }
    environment[tableVariable(name)] = ref(id);
  }
  for (const [name, grants] of Object.entries(access.queues)) {
    const id = declaredQueueIds(name).queue;
    for (const grant of grants)
      for (const action of QUEUE_ACCESS[grant]) statements.push(allow(`sqs:${action}`, getAtt(id, 'Arn')));
    environment[queueVariable(name)] = ref(id);
  }
  for (const statement of access.statements) {
    for (const action of statement.actions) {
      for (const resource of statement.resources) {
        if (wildcardReason(resource) !== undefined && statement.reason !== undefined) {
          acceptances.push({
            check: 'iam/resource-wildcard',
            at: `Properties.Policies[0].Statement[${statementOffset + statements.length}]`,
            reason: statement.reason,
          });
        }
        statements.push(allow(action, resource.includes('${') ? sub(resource) : resource));
      }
    }
  }
  return { statements, environment, acceptances };
}
