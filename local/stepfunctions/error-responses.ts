import type { ServiceResponse } from './types.ts';

/** Error names of the Step Functions API, with the model namespace AWS puts in `__type`. */
const NAMESPACES = {
  InvalidArn: 'com.amazonaws.swf.service.v2.model',
  InvalidExecutionInput: 'com.amazonaws.swf.service.v2.model',
  InvalidName: 'com.amazonaws.swf.service.v2.model',
  StateMachineDoesNotExist: 'com.amazonaws.swf.service.v2.model',
  StateMachineTypeNotSupported: 'com.amazonaws.swf.service.v2.model',
  ExecutionAlreadyExists: 'com.amazonaws.swf.service.v2.model',
  ExecutionDoesNotExist: 'com.amazonaws.swf.service.v2.model',
  InvalidToken: 'com.amazonaws.swf.service.v2.model',
  UnknownOperationException: 'com.amazon.coral.service',
  ValidationException: 'com.amazon.coral.validate',
  SerializationException: 'com.amazon.coral.service',
} as const;

export type StepFunctionsErrorName = keyof typeof NAMESPACES;

const JSON_CONTENT_TYPE = 'application/x-amz-json-1.0';

/** A 400 error answer in the JSON 1.0 protocol's shape (`__type` + `message`, `x-amzn-ErrorType`). */
export function errorResponse(name: StepFunctionsErrorName, message: string): ServiceResponse {
  return {
    statusCode: 400,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-ErrorType': name },
    body: JSON.stringify({ __type: `${NAMESPACES[name]}#${name}`, message }),
  };
}

export function okResponse(body: string): ServiceResponse {
  return { statusCode: 200, headers: { 'content-type': JSON_CONTENT_TYPE }, body };
}
