import { accessDeniedResponse, statesAuthorizations } from '../iam/index.ts';
import type { AwsAnswer } from './answer.ts';
import type { EndpointAuthorizer } from './types.ts';

/** `X-Amz-Target` of a Step Functions request. */
export const STATES_TARGET_PREFIX = 'AWSStepFunctions.';
/** StartExecution's input may be 256 KB, escaped as a JSON string: a body can be larger than that. */
export const MAX_STATES_BODY_BYTES = 1_048_576;

const JSON_1_0 = 'application/x-amz-json-1.0';

/** A JSON 1.0 error as Step Functions' front door answers it (`__type` + `message`). */
export function statesError(statusCode: number, type: string, message: string): AwsAnswer {
  return {
    statusCode,
    headers: { 'Content-Type': JSON_1_0, 'x-amzn-ErrorType': type },
    body: JSON.stringify({ __type: type, message }),
  };
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/**
 * One Step Functions request: unsigned requests are refused (UNCONFIRMED: 400 MissingAuthenticationTokenException
 * in the JSON 1.0 shape), a request signed as a template role is evaluated against its policies (AccessDenied in
 * Step Functions' shape), then the service answers.
 */
export async function answerStepFunctions(
  operation: string,
  authorization: string | undefined,
  body: string,
  stepFunctions: { handle(operation: string, body: string): Promise<AwsAnswer> },
  authorize: EndpointAuthorizer | undefined,
): Promise<AwsAnswer> {
  if (authorization === undefined)
    return statesError(400, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  const denied = await authorize?.(authorization, statesAuthorizations(operation, parseJson(body)));
  if (denied !== undefined) return accessDeniedResponse('states', denied);
  return stepFunctions.handle(operation, body);
}
