import type { RunOptions } from 'aws-local-stepfunctions';
import { API_GATEWAY_INVOKE, apiGatewayInvokeHandler } from './api-gateway-task.ts';
import { allStates, type AslStates } from './definition-walk.ts';
import type { ApiGatewayInvokeParameters, ApiGatewayInvokeResult } from './types.ts';

/** One machine's API Gateway calls (its caller already bound). */
type ApiGatewayInvoke = (parameters: ApiGatewayInvokeParameters) => Promise<ApiGatewayInvokeResult>;

export type LocalTaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

export class UnsupportedTaskResourceError extends Error {
  constructor(machineName: string, stateName: string, resource: unknown) {
    super(`State machine "${machineName}", state "${stateName}": Task Resource ${JSON.stringify(resource)} cannot be run locally ` +
      '(supported: arn:aws:states:::apigateway:invoke). Without a local handler aws-local-stepfunctions would call real AWS Lambda, so it is refused.');
    this.name = 'UnsupportedTaskResourceError';
  }
}

/**
 * One local handler per Task state, keyed by state name (how aws-local-stepfunctions looks them up).
 * Every Task must get one: a Task without a handler would make the library call the real AWS Lambda
 * `Invoke` with the Resource as function name. So an unknown Resource is refused here, at construction.
 */
export function localTaskHandlers(machineName: string, definition: AslStates, invoke: ApiGatewayInvoke): LocalTaskHandlers {
  const handlers: LocalTaskHandlers = {};
  for (const { name, state } of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    const resource = state['Resource'];
    if (typeof resource !== 'string' || !API_GATEWAY_INVOKE.test(resource)) {
      throw new UnsupportedTaskResourceError(machineName, name, resource);
    }
    // The handler returns plain JSON data; the library's JSONValue type is not exported.
    handlers[name] = apiGatewayInvokeHandler(name, invoke) as LocalTaskHandlers[string];
  }
  return handlers;
}
