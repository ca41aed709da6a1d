import type { AwsServiceResponse, LambdaInvokeResult } from '../api/index.ts';
import type { DynamoDbService } from '../dynamodb/index.ts';
import type { LambdaService } from '../lambda/index.ts';
import type { StepFunctionsService } from '../stepfunctions/index.ts';

export interface BackendServices {
  dynamodb: DynamoDbService;
  stepFunctions: StepFunctionsService;
  lambda: LambdaService;
  /** Function ARN → the name the Lambda service knows it by. */
  functionNames: Map<string, string>;
}

/** API Gateway's AWS service integrations, served by the local services; anything else is a 400 like AWS's UnknownOperation. */
export async function callAwsService(services: BackendServices, service: string, action: string, body: string): Promise<AwsServiceResponse> {
  if (service === 'dynamodb') return services.dynamodb.send(action, body);
  if (service === 'states' && action === 'StartSyncExecution') return services.stepFunctions.startSyncExecution(body);
  if (service === 'states' && action === 'StartExecution') return services.stepFunctions.startExecution(body);
  return {
    statusCode: 400,
    headers: { 'x-amzn-errortype': 'UnknownOperationException' },
    body: JSON.stringify({ __type: 'UnknownOperationException', message: `${service}:action/${action} is not emulated by the local stack` }),
  };
}

/** The outcome as the Lambda service gives it (a timeout's `timeoutSeconds` is not read): no extra promise per message. */
export function invokeLambda(services: BackendServices, functionArn: string, event: unknown): Promise<LambdaInvokeResult> {
  const name = services.functionNames.get(functionArn);
  if (!name) return Promise.resolve({ kind: 'error', errorType: 'ResourceNotFoundException', errorMessage: `Function not found: ${functionArn}` });
  return services.lambda.invoke(name, event);
}
