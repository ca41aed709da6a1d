/**
 * The Task `Resource`s this project generates, checks and runs locally, read into one closed union, so the
 * generator (role derivation), and the local Step Functions service (which handler runs a Task) agree on what
 * each Resource means. Sources (Step Functions Developer Guide): "Invoke Lambda with Step Functions"
 * (connect-lambda), "Perform DynamoDB CRUD operations with Step Functions" (connect-ddb: the optimized
 * integration has GetItem, PutItem, UpdateItem and DeleteItem only; every other action, Query among them, is an
 * AWS SDK integration), "Using AWS SDK service integrations" (supported-services-awssdk), "Invoke API Gateway"
 * (connect-api-gateway).
 */

/** The DynamoDB actions a Task may call: the optimized integration's four, and Query through the AWS SDK integration. */
export const DYNAMODB_TASK_ACTIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'] as const;
export type DynamoDbTaskAction = (typeof DYNAMODB_TASK_ACTIONS)[number];
const OPTIMIZED_DYNAMODB_ACTIONS: readonly DynamoDbTaskAction[] = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem'];

export type TaskResource =
  /** `arn:aws:states:::lambda:invoke`: the result is the Invoke response (Payload, StatusCode, metadata). */
  | { kind: 'lambdaInvoke' }
  /** A function ARN as the Resource: the state's input is the payload, the function's result the Task's result. */
  | { kind: 'lambdaFunction'; functionArn: string }
  /** `arn:aws:states:::dynamodb:<action>` (optimized) or `arn:aws:states:::aws-sdk:dynamodb:<action>` (SDK). */
  | { kind: 'dynamodb'; integration: 'optimized' | 'sdk'; action: DynamoDbTaskAction }
  /** `arn:aws:states:::apigateway:invoke` (this project: the stage's `@connections` API). */
  | { kind: 'apiGatewayInvoke' }
  | { kind: 'unsupported'; reason: string };

export type TaskResourceKind = Exclude<TaskResource, { kind: 'unsupported' }>['kind'];

/** What the project runs, for messages that refuse anything else. */
export const SUPPORTED_TASK_RESOURCES =
  'arn:aws:states:::lambda:invoke, a function ARN, arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem, ' +
  'arn:aws:states:::aws-sdk:dynamodb:getItem|putItem|updateItem|deleteItem|query, arn:aws:states:::apigateway:invoke';

const SERVICE_INTEGRATION = /^arn:aws[a-z-]*:states:::(.+)$/;
const FUNCTION_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}$/;
/** `.sync`, `.sync:2`, `.waitForTaskToken`: the job and callback integration patterns. */
const PATTERN_SUFFIX = /\.(sync(:\d+)?|waitForTaskToken)$/;

const lowerFirst = (action: string) => action[0]!.toLowerCase() + action.slice(1);

/** Reads one Task state's `Resource` (any value: definitions are user input). */
export function parseTaskResource(resource: unknown): TaskResource {
  if (typeof resource !== 'string')
    return { kind: 'unsupported', reason: `Resource must be a string (got ${JSON.stringify(resource) ?? 'nothing'})` };
  if (FUNCTION_ARN.test(resource)) return { kind: 'lambdaFunction', functionArn: resource };
  const integration = SERVICE_INTEGRATION.exec(resource)?.[1];
  if (integration === undefined)
    return {
      kind: 'unsupported',
      reason: `${JSON.stringify(resource)} is not a service integration or function ARN the project runs (supported: ${SUPPORTED_TASK_RESOURCES})`,
    };
  if (PATTERN_SUFFIX.test(integration)) {
    return {
      kind: 'unsupported',
      reason: `${JSON.stringify(resource)} uses the ${PATTERN_SUFFIX.exec(integration)![1]} integration pattern; only request-response (no suffix) is supported`,
    };
  }
  if (integration === 'lambda:invoke') return { kind: 'lambdaInvoke' };
  if (integration === 'apigateway:invoke') return { kind: 'apiGatewayInvoke' };
  for (const action of DYNAMODB_TASK_ACTIONS) {
    if (integration === `aws-sdk:dynamodb:${lowerFirst(action)}`)
      return { kind: 'dynamodb', integration: 'sdk', action };
    if (integration === `dynamodb:${lowerFirst(action)}`) {
      return OPTIMIZED_DYNAMODB_ACTIONS.includes(action)
        ? { kind: 'dynamodb', integration: 'optimized', action }
        : {
            kind: 'unsupported',
            reason: `${JSON.stringify(resource)}: the optimized DynamoDB integration has no ${action}; use arn:aws:states:::aws-sdk:dynamodb:${lowerFirst(action)}`,
          };
    }
  }
  return {
    kind: 'unsupported',
    reason: `${JSON.stringify(resource)} is not a Task resource the project runs (supported: ${SUPPORTED_TASK_RESOURCES})`,
  };
}

/** The condition, expression and return fields every optimized DynamoDB write (Put, Delete, Update) takes. */
const WRITE_PARAMETERS = [
  'ConditionalOperator',
  'ConditionExpression',
  'Expected',
  'ExpressionAttributeNames',
  'ExpressionAttributeValues',
  'ReturnConsumedCapacity',
  'ReturnItemCollectionMetrics',
  'ReturnValues',
] as const;

/**
 * The Parameters Step Functions accepts for each optimized DynamoDB action (connect-ddb, "Supported parameters");
 * CreateStateMachine refuses others. The AWS SDK integration takes every field of the API action.
 */
export const OPTIMIZED_DYNAMODB_PARAMETERS: Record<Exclude<DynamoDbTaskAction, 'Query'>, readonly string[]> = {
  GetItem: [
    'Key',
    'TableName',
    'AttributesToGet',
    'ConsistentRead',
    'ExpressionAttributeNames',
    'ProjectionExpression',
    'ReturnConsumedCapacity',
  ],
  PutItem: ['Item', 'TableName', ...WRITE_PARAMETERS],
  DeleteItem: ['Key', 'TableName', ...WRITE_PARAMETERS],
  UpdateItem: ['Key', 'TableName', 'AttributeUpdates', ...WRITE_PARAMETERS, 'UpdateExpression'],
};

/** A Parameters field's name without the `.$` that makes its value a path or intrinsic. */
export const parameterName = (key: string): string => (key.endsWith('.$') ? key.slice(0, -2) : key);
