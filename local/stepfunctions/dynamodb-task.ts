import type { DynamoDbTaskAction } from '../../lang/asl/task-resources.ts';
import { resolveDeferredIntrinsics } from './intrinsic-workaround.ts';
import { httpDate, javaSdkV1Cause, newRequestId, sdkMetadata } from './sdk-metadata.ts';
import { TaskError } from './task-error.ts';
import type { ServiceResponse } from './types.ts';

/** One machine's DynamoDB requests (its caller already bound). */
export type DynamoDbCall = (operation: string, body: string) => Promise<ServiceResponse>;

/**
 * DynamoDB's errors the AWS Java SDK v1 models as classes: the optimized integration names a Task's error
 * `DynamoDB.<that class>`, and every other error code (ValidationException, AccessDeniedException, …)
 * `DynamoDB.AmazonDynamoDBException` (the SDK's base class), with the SDK's cause text.
 */
const V1_MODELED = new Set([
  'ConditionalCheckFailedException',
  'ProvisionedThroughputExceededException',
  'ResourceNotFoundException',
  'ItemCollectionSizeLimitExceededException',
  'TransactionConflictException',
  'RequestLimitExceeded',
  'InternalServerErrorException',
]);

/**
 * The AWS SDK integration (Java SDK v2) names errors `DynamoDb.<class>` ("ServiceName.ErrorName", both Pascal
 * case, ending in Exception: supported-services-awssdk); unmodeled codes are the base class `DynamoDbException`.
 */
const V2_MODELED = new Set([...V1_MODELED].map((code) => (code.endsWith('Exception') ? code : `${code}Exception`)));

interface DynamoDbError {
  code: string;
  message: string;
}

function errorOf(response: ServiceResponse): DynamoDbError {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(response.body) as Record<string, unknown>;
  } catch {
    /* not JSON: named by its status below */
  }
  const type = typeof body['__type'] === 'string' ? body['__type'] : `HTTP${response.statusCode}`;
  const message = body['message'] ?? body['Message'];
  return {
    code: type.slice(type.lastIndexOf('#') + 1),
    message: typeof message === 'string' ? message : response.body,
  };
}

function taskError(integration: 'optimized' | 'sdk', response: ServiceResponse, requestId: string): TaskError {
  const { code, message } = errorOf(response);
  if (integration === 'optimized') {
    const name = V1_MODELED.has(code) ? code : 'AmazonDynamoDBException';
    return new TaskError(
      `DynamoDB.${name}`,
      javaSdkV1Cause(message, 'AmazonDynamoDBv2', response.statusCode, code, requestId),
    );
  }
  const exception = code.endsWith('Exception') ? code : `${code}Exception`;
  const name = V2_MODELED.has(exception) ? exception : 'DynamoDbException';
  return new TaskError(
    `DynamoDb.${name}`,
    `${message} (Service: DynamoDb, Status Code: ${response.statusCode}, Request ID: ${requestId})`,
  );
}

/** The optimized integration's result: DynamoDB's response, then the SDK's HTTP metadata (connect-ddb; LocalStack's AWS snapshots). */
function optimizedResult(
  response: ServiceResponse,
  result: Record<string, unknown>,
  requestId: string,
): Record<string, unknown> {
  const header = (name: string) => response.headers[name.toLowerCase()];
  const headers: Array<[string, string]> = [
    ['Server', 'Server'],
    ['Connection', 'keep-alive'],
    ['x-amzn-RequestId', requestId],
    ['x-amz-crc32', header('x-amz-crc32') ?? ''],
    ['Content-Length', String(Buffer.byteLength(response.body))],
    ['Date', httpDate()],
    ['Content-Type', 'application/x-amz-json-1.0'],
  ];
  return { ...result, ...sdkMetadata(headers, response.statusCode, requestId) };
}

/**
 * A local handler for a DynamoDB Task: the resolved Parameters are the request (the integrations take the API's
 * own field names), sent as the state machine's role; a 2xx answer is the result, anything else the Task's error.
 */
export function dynamoDbTaskHandler(
  stateName: string,
  integration: 'optimized' | 'sdk',
  action: DynamoDbTaskAction,
  call: DynamoDbCall,
) {
  return async (input: unknown): Promise<unknown> => {
    const parameters = resolveDeferredIntrinsics(input);
    if (parameters === null || typeof parameters !== 'object' || Array.isArray(parameters)) {
      throw new TaskError(
        'States.Runtime',
        `State "${stateName}" (dynamodb:${action}): Parameters must be an object, got ${JSON.stringify(parameters)}`,
        false,
      );
    }
    const response = await call(action, JSON.stringify(parameters));
    const requestId = response.headers['x-amzn-requestid'] ?? newRequestId();
    if (response.statusCode < 200 || response.statusCode > 299) throw taskError(integration, response, requestId);
    const result = JSON.parse(response.body) as Record<string, unknown>;
    return integration === 'optimized' ? optimizedResult(response, result, requestId) : result;
  };
}
