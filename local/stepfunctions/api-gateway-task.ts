import { STATUS_CODES } from 'node:http';
import { resolveDeferredIntrinsics } from './intrinsic-workaround.ts';
import { TaskError } from './task-error.ts';
import type { ApiGatewayInvokeParameters, ApiGatewayInvokeResult } from './types.ts';

type Invoke = (parameters: ApiGatewayInvokeParameters) => Promise<ApiGatewayInvokeResult>;

function checkParameters(stateName: string, input: unknown): ApiGatewayInvokeParameters {
  const fail = (rule: string) =>
    new TaskError('States.Runtime', `State "${stateName}" (apigateway:invoke): ${rule}`, false);
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw fail(`Parameters must be an object, got ${JSON.stringify(input)}`);
  const parameters = input as Record<string, unknown>;
  for (const field of ['ApiEndpoint', 'Method'] as const) {
    if (typeof parameters[field] !== 'string' || parameters[field] === '') {
      throw fail(
        `Parameters.${field} is required and must be a non-empty string, got ${JSON.stringify(parameters[field])}`,
      );
    }
  }
  for (const field of ['Stage', 'Path', 'AuthType'] as const) {
    if (parameters[field] !== undefined && typeof parameters[field] !== 'string') {
      throw fail(`Parameters.${field} must be a string, got ${JSON.stringify(parameters[field])}`);
    }
  }
  return parameters as unknown as ApiGatewayInvokeParameters;
}

const parseIfJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  } // ResponseBody is a string when the body is not JSON
};

/** A local handler for one Task state: calls `invoke` and maps the answer the way Step Functions does. */
export function apiGatewayInvokeHandler(stateName: string, invoke: Invoke) {
  return async (input: unknown): Promise<unknown> => {
    const response = await invoke(checkParameters(stateName, resolveDeferredIntrinsics(input)));
    if (response.statusCode < 200 || response.statusCode > 299) {
      throw new TaskError(`ApiGateway.${response.statusCode}`, response.body);
    }
    return {
      ResponseBody: parseIfJson(response.body),
      Headers: Object.fromEntries(Object.entries(response.headers).map(([name, value]) => [name, [value]])),
      StatusCode: response.statusCode,
      StatusText: STATUS_CODES[response.statusCode] ?? '',
    };
  };
}
