/** Public types of the local Step Functions service. */
import type { LocalLog } from '../shared/log.ts';
import type { HistoryEvent } from './history.ts';

/** What the Step Functions JSON 1.0 API answers over HTTP (API Gateway passes it on as text). */
export interface ServiceResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** Resolved Parameters of an `arn:aws:states:::apigateway:invoke` Task state. */
export interface ApiGatewayInvokeParameters {
  ApiEndpoint: string;
  Method: string;
  Stage?: string;
  Path?: string;
  Headers?: Record<string, string[]>;
  QueryParameters?: Record<string, string[]>;
  RequestBody?: unknown;
  AuthType?: string;
}

/** The state machine a Task state belongs to. */
export interface TaskCaller {
  stateMachineArn: string;
}

export interface ApiGatewayInvokeResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * What Lambda's Invoke answers a Task: the function's result (the response payload, as JSON data), a function
 * error (`X-Amz-Function-Error`: the error object Lambda returns as the payload), or the Invoke call failing
 * (AccessDenied, throttled, function not found: the Lambda API's own error).
 */
export type LambdaTaskResult =
  | { kind: 'result'; payload: unknown }
  | { kind: 'function-error'; payload: Record<string, unknown> }
  | { kind: 'service-error'; statusCode: number; errorCode: string; message: string };

export type StateMachineType = 'EXPRESS' | 'STANDARD';

export interface StateMachineConfig {
  /** `arn:aws:states:{region}:{account}:stateMachine:{name}` */
  arn: string;
  name: string;
  type: StateMachineType;
  /** The ASL definition, with `DefinitionSubstitutions` already applied. */
  definition: object;
  /** The role it runs as (DescribeStateMachine's `roleArn`, ExecutionStarted's). */
  roleArn?: string;
}

export interface StepFunctionsServiceOptions {
  region: string;
  accountId: string;
  stateMachines: StateMachineConfig[];
  /**
   * Serves `arn:aws:states:::apigateway:invoke` Task states (locally: the API Gateway emulator). `caller` is the
   * state machine whose Task calls, so the composition root can sign as its role (IAM is evaluated there).
   */
  invokeApiGateway: (parameters: ApiGatewayInvokeParameters, caller: TaskCaller) => Promise<ApiGatewayInvokeResult>;
  /**
   * Serves Lambda Tasks (`arn:aws:states:::lambda:invoke` and a function ARN as the Resource): one synchronous
   * Invoke of `functionName` (a name or an ARN, as the Task gives it) with `payload` as the event, as `caller`.
   * A definition with a Lambda Task is refused without it.
   */
  invokeLambda?: (functionName: string, payload: unknown, caller: TaskCaller) => Promise<LambdaTaskResult>;
  /**
   * Serves DynamoDB Tasks (optimized and AWS SDK integrations): one DynamoDB JSON 1.0 request (`operation`, e.g.
   * `GetItem`, and the request body) as `caller`, answered with DynamoDB's HTTP status, headers and body. A
   * definition with a DynamoDB Task is refused without it.
   */
  callDynamoDb?: (operation: string, body: string, caller: TaskCaller) => Promise<ServiceResponse>;
  /**
   * Multiplies the duration of every Wait state that has a fixed `Seconds` (0.01 in tests).
   * @default 1
   */
  waitTimeScale?: number;
  /**
   * Multiplies every Retry interval (`IntervalSeconds`, `MaxDelaySeconds`; backoff is kept).
   * @default waitTimeScale
   */
  retryIntervalScale?: number;
  /** Where each execution's state transitions and outcome are written. @default stderr */
  log?: LocalLog;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

/** One execution, as `DescribeExecution` would report it. */
export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
  /** JSON text. */
  input: string;
  /** JSON text; only when SUCCEEDED. */
  output?: string;
  error?: string;
  cause?: string;
}

export interface StepFunctionsService {
  start(): Promise<void>;
  /** Aborts running executions and waits for them to settle. */
  stop(): Promise<void>;
  startSyncExecution(requestBody: string): Promise<ServiceResponse>;
  startExecution(requestBody: string): Promise<ServiceResponse>;
  /**
   * One request of the Step Functions API (JSON 1.0, `X-Amz-Target: AWSStepFunctions.<operation>`), answered with
   * the status, headers and body Step Functions gives. IAM is the caller's concern (the local AWS endpoint).
   */
  handle(operation: string, body: string): Promise<ServiceResponse>;
  describeExecution(executionArn: string): ExecutionRecord | undefined;
  /** Every execution kept (Express ones too, which the API does not list), newest first, with its history's length. */
  executions(): Array<{ record: ExecutionRecord; events: number }>;
  /** One execution's history events (Express ones too), or undefined for an unknown ARN. */
  history(executionArn: string): HistoryEvent[] | undefined;
  /** Resolves when no execution is running. */
  waitForIdle(): Promise<void>;
}
