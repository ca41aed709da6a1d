import type { DynamoDbService } from '../dynamodb/index.ts';
import type { InvokeOutcome, LambdaService } from '../lambda/index.ts';
import type { LambdaTaskResult, StepFunctionsServiceOptions } from '../stepfunctions/index.ts';
import type { StateMachineTaskGuard } from './iam-tasks.ts';

interface TaskServices {
  lambda: LambdaService;
  dynamodb: DynamoDbService;
  /** Function ARN → the name the Lambda service knows it by. */
  functionNames: ReadonlyMap<string, string>;
  /** Undefined with `iam: 'off'`. */
  iam: StateMachineTaskGuard | undefined;
  region: string;
  accountId: string;
  partition: string;
}

/**
 * The Step Functions service's Lambda and DynamoDB Tasks, served by the local services as the state machine's
 * role: IAM decides first (as AWS authorizes before it looks at the function or table), then the service answers.
 */
export function workflowTaskBackends(
  services: TaskServices,
): Required<Pick<StepFunctionsServiceOptions, 'invokeLambda' | 'callDynamoDb'>> {
  const byName = new Map([...services.functionNames].map(([arn, name]) => [name, arn]));
  /** A function name or ARN, as a Task gives it → the unqualified ARN Lambda authorizes (a name: in this account). */
  const arnOf = (functionName: string) =>
    functionName.startsWith('arn:')
      ? functionName
      : (byName.get(functionName) ??
        `arn:${services.partition}:lambda:${services.region}:${services.accountId}:function:${functionName}`);

  return {
    async invokeLambda(functionName, payload, caller) {
      const functionArn = arnOf(functionName);
      const denied = await services.iam?.lambda(caller.stateMachineArn, functionArn);
      if (denied !== undefined)
        return { kind: 'service-error', statusCode: 403, errorCode: 'AccessDeniedException', message: denied };
      const name = services.functionNames.get(functionArn);
      if (name === undefined)
        return {
          kind: 'service-error',
          statusCode: 404,
          errorCode: 'ResourceNotFoundException',
          message: `Function not found: ${functionArn}`,
        };
      return taskResult(await services.lambda.invoke(name, payload));
    },
    async callDynamoDb(operation, body, caller) {
      const denied = await services.iam?.dynamodb(caller.stateMachineArn, operation, body);
      return denied ?? services.dynamodb.send(operation, body);
    },
  };
}

/**
 * The invocation's outcome as Lambda's Invoke answers it (Node.js runtimes report every error as Unhandled). Not one
 * mapping with local/api/integration.ts's: API Gateway turns the same outcomes into a failed integration instead.
 */
function taskResult(outcome: InvokeOutcome): LambdaTaskResult {
  switch (outcome.kind) {
    case 'result':
      return { kind: 'result', payload: outcome.result };
    case 'error':
      return {
        kind: 'function-error',
        payload: { errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.stack ?? [] },
      };
    case 'timeout':
      // UNCONFIRMED: Lambda's current timeout payload; Step Functions then names the Task's error after its errorType.
      return {
        kind: 'function-error',
        payload: {
          errorType: 'Sandbox.Timedout',
          errorMessage: `Task timed out after ${outcome.timeoutSeconds.toFixed(2)} seconds`,
        },
      };
    case 'throttled':
      return {
        kind: 'service-error',
        statusCode: 429,
        errorCode: 'TooManyRequestsException',
        message: 'Rate Exceeded.',
      };
    case 'dropped':
      return {
        kind: 'service-error',
        statusCode: 503,
        errorCode: 'ServiceException',
        message: 'The local Lambda service is stopping',
      };
  }
}
