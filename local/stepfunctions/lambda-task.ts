import { resolveDeferredIntrinsics } from './intrinsic-workaround.ts';
import { httpDate, javaSdkV1Cause, newRequestId, sdkMetadata } from './sdk-metadata.ts';
import { TaskError } from './task-error.ts';
import type { LambdaTaskResult } from './types.ts';

/** One machine's Lambda Invokes (its caller already bound). */
export type LambdaInvoke = (functionName: string, payload: unknown) => Promise<LambdaTaskResult>;

/** The `lambda:invoke` Parameters the local service runs (CreateStateMachine takes more: Qualifier, ClientContext, …). */
const INVOKE_PARAMETERS = ['FunctionName', 'Payload'];

/**
 * Lambda's API errors the AWS Java SDK v1 (what Step Functions names errors after) models as their own classes;
 * any other error code (AccessDeniedException among them) is an `AWSLambdaException`. So a role without
 * `lambda:InvokeFunction` fails the Task with `Lambda.AWSLambdaException` and the AccessDenied message
 * (awslabs/aws-deployment-framework#460 shows one such execution failure from AWS).
 */
const MODELED_ERRORS = new Set([
  'ResourceNotFoundException',
  'TooManyRequestsException',
  'ServiceException',
  'InvalidParameterValueException',
  'InvalidRequestContentException',
  'RequestTooLargeException',
  'UnsupportedMediaTypeException',
]);

/**
 * The payload Step Functions sends for a `Payload` value (as LocalStack models it, validated against AWS): none or
 * null is `{}`, a string that is JSON text is that JSON, any other string is itself as JSON, the rest as it is.
 */
function payloadOf(value: unknown): unknown {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function invokeParameters(stateName: string, input: unknown): { functionName: string; payload: unknown } {
  const fail = (rule: string) =>
    new TaskError('States.Runtime', `State "${stateName}" (lambda:invoke): ${rule}`, false);
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    throw fail(`Parameters must be an object, got ${JSON.stringify(input)}`);
  const parameters = input as Record<string, unknown>;
  const other = Object.keys(parameters).find((key) => !INVOKE_PARAMETERS.includes(key));
  if (other !== undefined)
    throw fail(`Parameters.${other} is not run locally (supported: ${INVOKE_PARAMETERS.join(', ')})`);
  if (typeof parameters['FunctionName'] !== 'string' || parameters['FunctionName'] === '') {
    throw fail(
      `Parameters.FunctionName is required and must be a non-empty string, got ${JSON.stringify(parameters['FunctionName'])}`,
    );
  }
  return { functionName: parameters['FunctionName'], payload: payloadOf(parameters['Payload']) };
}

/** A failed Invoke as Step Functions reports it: the function's errorType, or `Lambda.<Exception>` for the API's errors. */
function taskError(result: Exclude<LambdaTaskResult, { kind: 'result' }>, requestId: string): TaskError {
  if (result.kind === 'function-error') {
    const payload = JSON.stringify(result.payload);
    const errorType = result.payload['errorType'];
    // Lambda.Unknown: "The cause could not be determined because Lambda did not return an error type" (Step Functions' words).
    return typeof errorType === 'string' && errorType !== ''
      ? new TaskError(errorType, payload)
      : new TaskError(
          'Lambda.Unknown',
          `The cause could not be determined because Lambda did not return an error type. Returned payload: ${payload}`,
        );
  }
  const name = MODELED_ERRORS.has(result.errorCode) ? result.errorCode : 'AWSLambdaException';
  return new TaskError(
    `Lambda.${name}`,
    javaSdkV1Cause(result.message, 'AWSLambda', result.statusCode, result.errorCode, requestId),
  );
}

/** The `lambda:invoke` result: the Invoke response, its Payload parsed (connect-lambda), with the SDK's metadata. */
function invokeResponse(payload: unknown, requestId: string): Record<string, unknown> {
  const length = Buffer.byteLength(JSON.stringify(payload) ?? 'null');
  const headers: Array<[string, string]> = [
    ['X-Amz-Executed-Version', '$LATEST'],
    ['x-amzn-Remapped-Content-Length', '0'],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', requestId],
    ['Content-Length', String(length)],
    ['Date', httpDate()],
    ['X-Amzn-Trace-Id', traceId()],
    ['Content-Type', 'application/json'],
  ];
  return { ExecutedVersion: '$LATEST', Payload: payload, ...sdkMetadata(headers, 200, requestId), StatusCode: 200 };
}

const traceId = (): string =>
  `root=1-${Math.floor(Date.now() / 1000).toString(16)}-${newRequestId().replace(/-/g, '').slice(0, 24)};sampled=0`;

/**
 * A local handler for a Lambda Task. `functionArn` undefined: `arn:aws:states:::lambda:invoke`, whose
 * Parameters name the function and payload and whose result is the Invoke response; a function ARN: the
 * state's input is the payload and the function's result is the Task's result (connect-lambda).
 */
export function lambdaTaskHandler(stateName: string, invoke: LambdaInvoke, functionArn?: string) {
  return async (input: unknown): Promise<unknown> => {
    const resolved = resolveDeferredIntrinsics(input);
    const { functionName, payload } =
      functionArn === undefined
        ? invokeParameters(stateName, resolved)
        : { functionName: functionArn, payload: resolved };
    const requestId = newRequestId();
    const result = await invoke(functionName, payload);
    if (result.kind !== 'result') throw taskError(result, requestId);
    const output = result.payload === undefined ? null : result.payload;
    return functionArn === undefined ? invokeResponse(output, requestId) : output;
  };
}
