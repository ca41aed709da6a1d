/** Local Step Functions: StartExecution/StartSyncExecution on aws-local-stepfunctions, Task states served locally. */
export { createStepFunctionsService } from './service.ts';
export { UnsupportedTaskResourceError } from './task-handlers.ts';
export { formatJavaDouble } from './java-double.ts';
export type { HistoryEvent } from './history.ts';
export type {
  ApiGatewayInvokeParameters,
  ApiGatewayInvokeResult,
  ExecutionRecord,
  ExecutionStatus,
  LambdaTaskResult,
  ServiceResponse,
  StateMachineConfig,
  StateMachineType,
  StepFunctionsService,
  StepFunctionsServiceOptions,
  TaskCaller,
} from './types.ts';
