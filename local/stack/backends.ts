import type { AwsServiceResponse, LambdaInvokeLimits, LambdaInvokeResult } from '../api/index.ts';
import type { DynamoDbService } from '../dynamodb/index.ts';
import type { LambdaService } from '../lambda/index.ts';
import type { StepFunctionsService } from '../stepfunctions/index.ts';
import { routeFunctionName } from './function-targets.ts';
import type { StackIamGuard } from './iam-guard.ts';

export interface BackendServices {
  dynamodb: DynamoDbService;
  stepFunctions: StepFunctionsService;
  lambda: LambdaService;
  /** Function ARN → the name the Lambda service knows it by. */
  functionNames: Map<string, string>;
  /** Undefined with `iam: 'off'`. */
  iam: StackIamGuard | undefined;
}

/**
 * API Gateway's AWS service integrations, served by the local services; anything else is a 400 like AWS's
 * UnknownOperation. With IAM on, the integration's role is evaluated first: a denial is the service's own
 * AccessDenied answer (the integration response decides what the client sees), and nothing reaches the service.
 */
export async function callAwsService(
  services: BackendServices,
  service: string,
  action: string,
  body: string,
  credentialsArn?: string,
): Promise<AwsServiceResponse> {
  const denied = await services.iam?.serviceCall(credentialsArn, service, action, body);
  if (denied !== undefined) return denied;
  if (service === 'dynamodb') return services.dynamodb.send(action, body);
  if (service === 'states' && action === 'StartSyncExecution') return services.stepFunctions.startSyncExecution(body);
  if (service === 'states' && action === 'StartExecution') return services.stepFunctions.startExecution(body);
  return {
    statusCode: 400,
    headers: { 'x-amzn-errortype': 'UnknownOperationException' },
    body: JSON.stringify({
      __type: 'UnknownOperationException',
      message: `${service}:action/${action} is not emulated by the local stack`,
    }),
  };
}

/**
 * The outcome as the Lambda service gives it (a timeout's `timeoutSeconds` is not read): no extra promise per
 * message once IAM decided for the route. A denied invocation rejects: API Gateway fails the integration
 * ("Invalid permissions on Lambda function": 500 on `$connect`, `Internal server error` on a message).
 */
export function invokeLambda(
  services: BackendServices,
  functionArn: string,
  event: unknown,
  limits: LambdaInvokeLimits,
  credentialsArn?: string,
): Promise<LambdaInvokeResult> {
  const name = routeFunctionName(services.functionNames, functionArn);
  if (!name)
    return Promise.resolve({
      kind: 'error',
      errorType: 'ResourceNotFoundException',
      errorMessage: `Function not found: ${functionArn}`,
    });
  const verdict = services.iam?.lambda.check(functionArn, event, credentialsArn);
  if (verdict === undefined) return services.lambda.invoke(name, event, limits);
  if (typeof verdict === 'string') return Promise.reject(new Error(verdict));
  return verdict.then((reason) =>
    reason === undefined ? services.lambda.invoke(name, event, limits) : Promise.reject(new Error(reason)),
  );
}
