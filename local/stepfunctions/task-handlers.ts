import type { RunOptions } from 'aws-local-stepfunctions';
import {
  OPTIMIZED_DYNAMODB_PARAMETERS,
  parameterName,
  parseTaskResource,
  SUPPORTED_TASK_RESOURCES,
  type TaskResource,
  type TaskResourceKind,
} from '../../lang/asl/task-resources.ts';
import { apiGatewayInvokeHandler } from './api-gateway-task.ts';
import { allStates, type AslState, type AslStates } from './definition-walk.ts';
import { dynamoDbTaskHandler, type DynamoDbCall } from './dynamodb-task.ts';
import { lambdaTaskHandler, type LambdaInvoke } from './lambda-task.ts';
import type { ApiGatewayInvokeParameters, ApiGatewayInvokeResult } from './types.ts';

/** One machine's backends for its Task states, each with the state machine already bound as the caller. */
export interface TaskBackends {
  invokeApiGateway: (parameters: ApiGatewayInvokeParameters) => Promise<ApiGatewayInvokeResult>;
  invokeLambda: LambdaInvoke | undefined;
  callDynamoDb: DynamoDbCall | undefined;
}

export type LocalTaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
type TaskHandler = (input: unknown) => Promise<unknown>;

export class UnsupportedTaskResourceError extends Error {
  constructor(
    machineName: string,
    stateName: string,
    resource: unknown,
    reason = `supported: ${SUPPORTED_TASK_RESOURCES}`,
  ) {
    super(
      `State machine "${machineName}", state "${stateName}": Task Resource ${JSON.stringify(resource)} cannot be run locally (${reason}). ` +
        'Without a local handler aws-local-stepfunctions would call real AWS Lambda, so it is refused.',
    );
    this.name = 'UnsupportedTaskResourceError';
  }
}

type ResourceOf<K extends TaskResourceKind> = Extract<TaskResource, { kind: K }>;

/** The handler of each kind of Task, or why this machine cannot run it (a backend the service was not given, a field AWS refuses). */
const TASK_HANDLERS: {
  [K in TaskResourceKind]: (
    resource: ResourceOf<K>,
    name: string,
    state: AslState,
    backends: TaskBackends,
  ) => TaskHandler | string;
} = {
  apiGatewayInvoke: (_resource, name, _state, backends) => apiGatewayInvokeHandler(name, backends.invokeApiGateway),
  lambdaInvoke: (_resource, name, _state, { invokeLambda }) =>
    invokeLambda ? lambdaTaskHandler(name, invokeLambda) : 'the service was given no invokeLambda',
  lambdaFunction: (resource, name, _state, { invokeLambda }) =>
    invokeLambda
      ? lambdaTaskHandler(name, invokeLambda, resource.functionArn)
      : 'the service was given no invokeLambda',
  dynamodb: (resource, name, state, { callDynamoDb }) => {
    if (!callDynamoDb) return 'the service was given no callDynamoDb';
    if (resource.integration === 'optimized') {
      const supported = OPTIMIZED_DYNAMODB_PARAMETERS[resource.action as keyof typeof OPTIMIZED_DYNAMODB_PARAMETERS];
      const other = Object.keys(isObject(state['Parameters']) ? state['Parameters'] : {}).find(
        (key) => !supported.includes(parameterName(key)),
      );
      // CreateStateMachine refuses such a definition: so does the local service.
      if (other !== undefined)
        return `Step Functions does not support the field ${JSON.stringify(other)} for dynamodb:${resource.action} (supported: ${supported.join(', ')})`;
    }
    return dynamoDbTaskHandler(name, resource.integration, resource.action, callDynamoDb);
  },
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * One local handler per Task state, keyed by state name (how aws-local-stepfunctions looks them up).
 * Every Task must get one: a Task without a handler would make the library call the real AWS Lambda
 * `Invoke` with the Resource as function name. So an unknown Resource is refused here, at construction.
 */
export function localTaskHandlers(
  machineName: string,
  definition: AslStates,
  backends: TaskBackends,
): LocalTaskHandlers {
  const handlers: LocalTaskHandlers = {};
  for (const { name, state } of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = parseTaskResource(state['Resource']);
    if (resource.kind === 'unsupported')
      throw new UnsupportedTaskResourceError(machineName, name, state['Resource'], resource.reason);
    // The map has a handler for every kind, and the one under `resource.kind` takes exactly this resource.
    const make = TASK_HANDLERS[resource.kind] as (
      resource: TaskResource,
      name: string,
      state: AslState,
      backends: TaskBackends,
    ) => TaskHandler | string;
    const handler = make(resource, name, state, backends);
    if (typeof handler === 'string')
      throw new UnsupportedTaskResourceError(machineName, name, state['Resource'], handler);
    // The handler returns plain JSON data; the library's JSONValue type is not exported.
    handlers[name] = handler as LocalTaskHandlers[string];
  }
  return handlers;
}
