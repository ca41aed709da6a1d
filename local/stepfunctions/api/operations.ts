import { renderAwsJson } from '../aws-json.ts';
import { errorResponse, okResponse } from '../error-responses.ts';
import { epochSecondsOf } from '../java-double.ts';
import type { ExecutionRegistry, TrackedExecution } from '../execution-registry.ts';
import type { ExecutionStatus, ServiceResponse, StateMachineConfig } from '../types.ts';
import { checkArn } from './arns.ts';
import {
  describeExecutionBody,
  describeStateMachineBody,
  executionListItem,
  historyEventBody,
  stateMachineListItem,
} from './bodies.ts';
import { pageOf } from './paging.ts';
import {
  oneOf,
  optionalBoolean,
  optionalString,
  pageSize,
  readRequest,
  RequestRefused,
  requiredString,
} from './request-fields.ts';

/** What the Step Functions API reads: the service's machines and executions, and its two ways to start one. */
export interface StepFunctionsApiContext {
  machines: ReadonlyMap<string, StateMachineConfig>;
  executions: ExecutionRegistry;
  /** When the state machines were "created": the service's start. */
  creationDate(): Date;
  startExecution(body: string): Promise<ServiceResponse>;
  startSyncExecution(body: string): Promise<ServiceResponse>;
}

/** The operations the local endpoint answers; any other is UnknownOperationException. */
export const STEP_FUNCTIONS_OPERATIONS = [
  'StartExecution',
  'StartSyncExecution',
  'StopExecution',
  'DescribeExecution',
  'GetExecutionHistory',
  'ListExecutions',
  'ListStateMachines',
  'DescribeStateMachine',
] as const;
export type StepFunctionsOperation = (typeof STEP_FUNCTIONS_OPERATIONS)[number];

const STATUS_FILTERS = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
] as const satisfies readonly (ExecutionStatus | 'PENDING_REDRIVE')[];

type Fields = Record<string, unknown>;
type Operation = (
  fields: Fields,
  context: StepFunctionsApiContext,
  body: string,
) => ServiceResponse | Promise<ServiceResponse>;

const ok = (value: unknown) => okResponse(renderAwsJson(value));
/** Step Functions keeps no history for Express executions: these operations refuse them (exact error UNCONFIRMED). */
const expressRefused = () =>
  new RequestRefused(
    errorResponse('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine'),
  );

function machine(fields: Fields, context: StepFunctionsApiContext): StateMachineConfig {
  const arn = checkArn(requiredString(fields, 'stateMachineArn'), 'stateMachine');
  const found = context.machines.get(arn);
  if (!found)
    throw new RequestRefused(errorResponse('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`));
  return found;
}

function standardExecution(fields: Fields, context: StepFunctionsApiContext): TrackedExecution {
  const arn = checkArn(requiredString(fields, 'executionArn'), 'execution');
  const found = context.executions.get(arn);
  if (found && context.machines.get(found.record.stateMachineArn)?.type === 'EXPRESS') throw expressRefused();
  if (!found) throw new RequestRefused(errorResponse('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`));
  return found;
}

const OPERATIONS: Record<StepFunctionsOperation, Operation> = {
  StartExecution: (_fields, context, body) => context.startExecution(body),
  StartSyncExecution: (_fields, context, body) => context.startSyncExecution(body),
  DescribeExecution: (fields, context) => ok(describeExecutionBody(standardExecution(fields, context).record)),
  async StopExecution(fields, context) {
    const { record } = standardExecution(fields, context);
    const error = optionalString(fields, 'error');
    const cause = optionalString(fields, 'cause');
    const running = context.executions.running(record.executionArn);
    if (running) {
      running.abort(error, cause);
      await running.settled;
    }
    // An execution that already ended keeps its own end (UNCONFIRMED what AWS answers then).
    return ok({ stopDate: epochSecondsOf(record.stopDate ?? new Date()) });
  },
  GetExecutionHistory(fields, context) {
    const { record, history } = standardExecution(fields, context);
    const size = pageSize(fields);
    const includeData = optionalBoolean(fields, 'includeExecutionData') ?? true;
    const events = optionalBoolean(fields, 'reverseOrder') === true ? [...history.events].reverse() : history.events;
    const page = pageOf(
      events,
      (event) => String(event.id),
      size,
      optionalString(fields, 'nextToken'),
      `history ${record.executionArn}`,
    );
    return ok({ events: page.items.map((event) => historyEventBody(event, includeData)), nextToken: page.nextToken });
  },
  ListExecutions(fields, context) {
    if (fields['mapRunArn'] !== undefined)
      throw new RequestRefused(
        errorResponse('ValidationException', 'mapRunArn: Map Runs are not emulated by the local stack'),
      );
    const config = machine(fields, context);
    if (config.type === 'EXPRESS') throw expressRefused();
    const status = oneOf(fields, 'statusFilter', STATUS_FILTERS);
    const matching = context.executions
      .newestFirst()
      .filter(
        ({ record }) => record.stateMachineArn === config.arn && (status === undefined || record.status === status),
      );
    const page = pageOf(
      matching,
      ({ record }) => record.executionArn,
      pageSize(fields),
      optionalString(fields, 'nextToken'),
      `executions ${config.arn} ${status ?? ''}`,
    );
    return ok({ executions: page.items.map(({ record }) => executionListItem(record)), nextToken: page.nextToken });
  },
  ListStateMachines(fields, context) {
    const all = [...context.machines.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const page = pageOf(
      all,
      (config) => config.arn,
      pageSize(fields),
      optionalString(fields, 'nextToken'),
      'state machines',
    );
    return ok({
      stateMachines: page.items.map((config) => stateMachineListItem(config, context.creationDate())),
      nextToken: page.nextToken,
    });
  },
  DescribeStateMachine: (fields, context) =>
    ok(describeStateMachineBody(machine(fields, context), context.creationDate())),
};

const isStepFunctionsOperation = (name: string): name is StepFunctionsOperation => Object.hasOwn(OPERATIONS, name);

/** One JSON 1.0 request (`X-Amz-Target: AWSStepFunctions.<operation>`), answered as Step Functions answers it. */
export async function handleStepFunctionsRequest(
  context: StepFunctionsApiContext,
  operation: string,
  body: string,
): Promise<ServiceResponse> {
  if (!isStepFunctionsOperation(operation)) {
    return errorResponse(
      'UnknownOperationException',
      `AWSStepFunctions.${operation} is not an operation the local Step Functions emulates (${STEP_FUNCTIONS_OPERATIONS.join(', ')})`,
    );
  }
  const request = readRequest(body);
  if (!request.ok) return request.response;
  try {
    return await OPERATIONS[operation](request.fields, context, body);
  } catch (error) {
    if (error instanceof RequestRefused) return error.response;
    throw error;
  }
}
