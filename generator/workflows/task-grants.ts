import { getAtt, join, type CfnValue } from '../../cfn/types.ts';
import {
  OPTIMIZED_DYNAMODB_PARAMETERS,
  parameterName,
  type TaskResource,
  type TaskResourceKind,
} from '../../lang/asl/task-resources.ts';
import type { WsConfig } from '../config/index.ts';
import { configFunctionId, declaredTableId, LOGICAL_IDS } from '../naming.ts';
import { sessionIndexes } from '../sessions/record.ts';
import { connectionsArn } from '../visitors/connections-api.ts';
import {
  functionPlaceholder,
  tablePlaceholder,
  wholePlaceholder,
  type Substitution,
  type SubstitutionTarget,
} from './substitutions.ts';

/** One IAM action on one resource the state machine's role needs for a Task. */
export interface Grant {
  action: string;
  resource: CfnValue;
}

/** Something wrong with a Task state: where in the state, the rule, the value. */
export interface TaskProblem {
  at: string;
  rule: string;
  got: unknown;
}

export interface TaskCheck {
  grants: Grant[];
  problems: TaskProblem[];
}

export interface TaskInput {
  /** The state's `Parameters` (anything: definitions are user input). */
  parameters: unknown;
  substitutions: Map<string, Substitution>;
  config: WsConfig;
}

type TaskResourceOf<K extends TaskResourceKind> = Extract<TaskResource, { kind: K }>;

/**
 * What each kind of Task needs in the role, as CDK's task constructs grant it (aws-stepfunctions-tasks:
 * LambdaInvoke → `lambda:InvokeFunction`, DynamoGetItem → `dynamodb:GetItem` on the table, ...), each scoped to
 * the one resource the Task names. The names must be literal placeholders: a path (`FunctionName.$`) could name
 * anything at run time, and no role could be scoped to it. CDK's LambdaInvoke also grants `<arn>:*` (versions and
 * aliases); a Task here cannot name a qualifier, so the role holds the function's ARN alone.
 */
export const TASK_GRANTS: { [K in TaskResourceKind]: (resource: TaskResourceOf<K>, task: TaskInput) => TaskCheck } = {
  lambdaInvoke: (_resource, task) => {
    const check = fieldsCheck(task.parameters, ['FunctionName', 'Payload'], 'arn:aws:states:::lambda:invoke');
    const name = literalTarget(
      task,
      'FunctionName',
      'function',
      check,
      `the \${${functionPlaceholder('<name>')}} of a function in functions`,
    );
    if (name !== undefined) check.grants.push(invokeGrant(name));
    return check;
  },
  lambdaFunction: (resource, task) => {
    const target = resolve(task.substitutions, resource.functionArn);
    if (target === 'unknown') return { grants: [], problems: [] }; // reported with every other unknown placeholder
    if (target?.kind !== 'function') {
      return {
        grants: [],
        problems: [
          {
            at: 'Resource',
            rule: `a function ARN must be a function in functions, written \${${functionPlaceholder('<name>')}} (the role is scoped to it)`,
            got: resource.functionArn,
          },
        ],
      };
    }
    return { grants: [invokeGrant(target.name)], problems: [] };
  },
  dynamodb: (resource, task) => {
    const check =
      resource.integration === 'optimized'
        ? fieldsCheck(
            task.parameters,
            OPTIMIZED_DYNAMODB_PARAMETERS[resource.action as keyof typeof OPTIMIZED_DYNAMODB_PARAMETERS],
            `the optimized dynamodb:${resource.action}`,
          )
        : fieldsCheck(task.parameters, undefined, '');
    const table = tableTarget(task, check);
    if (table === undefined) return check;
    const tableArn = getAtt(table.logicalId, 'Arn');
    const index = resource.action === 'Query' ? indexOf(task, table, check) : undefined;
    check.grants.push({
      action: `dynamodb:${resource.action}`,
      resource: index === undefined ? tableArn : join('/', [tableArn, 'index', index]),
    });
    return check;
  },
  apiGatewayInvoke: (_resource, task) => {
    const check = fieldsCheck(
      task.parameters,
      ['ApiEndpoint', 'Method', 'Stage', 'Path', 'Headers', 'QueryParameters', 'RequestBody', 'AuthType'],
      'arn:aws:states:::apigateway:invoke',
    );
    literalTarget(task, 'ApiEndpoint', 'connectionsEndpoint', check, "${ApiEndpoint} (this API's @connections)");
    literalTarget(task, 'Stage', 'connectionsStage', check, '${Stage}');
    const parameters = asRecord(task.parameters);
    if (parameters['AuthType'] !== 'IAM_ROLE') {
      check.problems.push({
        at: 'Parameters.AuthType',
        rule: 'must be "IAM_ROLE": @connections takes signed requests only',
        got: parameters['AuthType'],
      });
    }
    const path = parameters['Path'];
    if (path === undefined && parameters['Path.$'] === undefined)
      check.problems.push({ at: 'Parameters.Path', rule: 'is required: /@connections/<connectionId>', got: path });
    if (path !== undefined && (typeof path !== 'string' || !path.startsWith('/@connections/'))) {
      check.problems.push({
        at: 'Parameters.Path',
        rule: 'must start with /@connections/ (the only API the role may call)',
        got: path,
      });
    }
    const method = parameters['Method'];
    if (method === 'GET' || method === 'POST' || method === 'DELETE')
      check.grants.push({ action: 'execute-api:ManageConnections', resource: connectionsArn(method) });
    else
      check.problems.push({
        at: 'Parameters.Method',
        rule: 'must be "GET", "POST" or "DELETE" as written (the @connections operations; the role is scoped per method)',
        got: method ?? parameters['Method.$'],
      });
    return check;
  },
};

function invokeGrant(name: string): Grant {
  return { action: 'lambda:InvokeFunction', resource: getAtt(configFunctionId(name), 'Arn') };
}

const asRecord = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/** Parameters must be an object; with `allowed`, only those fields (with or without `.$`). */
function fieldsCheck(parameters: unknown, allowed: readonly string[] | undefined, integration: string): TaskCheck {
  const check: TaskCheck = { grants: [], problems: [] };
  if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
    check.problems.push({ at: 'Parameters', rule: 'must be an object', got: parameters });
    return check;
  }
  for (const key of Object.keys(parameters)) {
    if (allowed !== undefined && !allowed.includes(parameterName(key))) {
      check.problems.push({
        at: `Parameters.${key}`,
        rule: `is not a field ${integration} takes here (${allowed.join(', ')})`,
        got: key,
      });
    }
  }
  return check;
}

/** `'unknown'`: a placeholder the config does not provide (reported once, where every placeholder is checked). */
function resolve(substitutions: Map<string, Substitution>, value: unknown): SubstitutionTarget | 'unknown' | undefined {
  const name = wholePlaceholder(value);
  if (name === undefined) return undefined;
  return substitutions.get(name)?.target ?? 'unknown';
}

/**
 * The name of what `Parameters.<field>` names through its placeholder, when it is the expected kind; otherwise a
 * problem (a path, a literal, another placeholder), and undefined.
 */
function literalTarget<K extends SubstitutionTarget['kind']>(
  task: TaskInput,
  field: string,
  kind: K,
  check: TaskCheck,
  expected: string,
): string | undefined {
  const parameters = asRecord(task.parameters);
  const value = parameters[field];
  const target = resolve(task.substitutions, value);
  if (target === 'unknown') return undefined;
  if (target?.kind === kind) return target.kind === 'function' ? target.name : kind;
  const dynamic = value === undefined && parameters[`${field}.$`] !== undefined;
  check.problems.push({
    at: `Parameters.${dynamic ? `${field}.$` : field}`,
    rule: `must be ${expected}, written as is${dynamic ? ' (a path could name anything at run time; the role could not be scoped to it)' : ''}`,
    got: dynamic ? parameters[`${field}.$`] : value,
  });
  return undefined;
}

/** The table a DynamoDB Task names: the sessions table, or one of `tables`. */
interface TaskTable {
  logicalId: string;
  /** For messages: `the sessions table`, `table "messages"`. */
  label: string;
  indexes: string[];
}

/** `Parameters.TableName` as `${SessionsTable}` or `${Table_<name>}`; otherwise a problem, and undefined. */
function tableTarget(task: TaskInput, check: TaskCheck): TaskTable | undefined {
  const value = asRecord(task.parameters)['TableName'];
  const target = resolve(task.substitutions, value);
  if (target !== 'unknown' && target?.kind === 'table') {
    return {
      logicalId: declaredTableId(target.name),
      label: `table ${JSON.stringify(target.name)}`,
      indexes: (task.config.tables[target.name]?.indexes ?? []).map((index) => index.name),
    };
  }
  const expected = `\${SessionsTable} or the \${${tablePlaceholder('<name>')}} of a table in tables`;
  if (literalTarget(task, 'TableName', 'sessionsTable', check, expected) === undefined) return undefined;
  return {
    logicalId: LOGICAL_IDS.sessionsTable,
    label: 'the sessions table',
    indexes: sessionIndexes(task.config).map((index) => index.name),
  };
}

/** A Query's index: one of the table's, written literally (its own grant), or none (the table). */
function indexOf(task: TaskInput, table: TaskTable, check: TaskCheck): string | undefined {
  const parameters = asRecord(task.parameters);
  const names = table.indexes;
  if (parameters['IndexName.$'] !== undefined) {
    check.problems.push({
      at: 'Parameters.IndexName.$',
      rule: `must be written as is (${names.join(', ') || `${table.label} has no index`}): the role is scoped to the index`,
      got: parameters['IndexName.$'],
    });
    return undefined;
  }
  const index = parameters['IndexName'];
  if (index === undefined) return undefined;
  if (typeof index === 'string' && names.includes(index)) return index;
  check.problems.push({
    at: 'Parameters.IndexName',
    rule: `must be an index of ${table.label} (${names.join(', ') || 'it has none'})`,
    got: index,
  });
  return undefined;
}
