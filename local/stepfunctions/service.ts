import { ACCOUNT_ID_PATTERN } from '../shared/constants.ts';
import { stderrLog } from '../shared/log.ts';
import { checkEachOf, collectOptionProblems } from '../shared/options.ts';
import { compileMachine, type CompiledMachine, machineConfigProblems } from './compile-machine.ts';
import { errorResponse, okResponse } from './error-responses.ts';
import { newExecutionIdentity } from './execution-arns.ts';
import { createExecutionRegistry } from './execution-registry.ts';
import { ensurePromiseWithResolvers } from './promise-with-resolvers.ts';
import { startExecutionBody, startSyncExecutionBody } from './response-bodies.ts';
import { runExecution } from './run-execution.ts';
import { parseStartRequest, type StartRequest } from './start-request.ts';
import type {
  ExecutionRecord,
  ServiceResponse,
  StateMachineConfig,
  StepFunctionsService,
  StepFunctionsServiceOptions,
} from './types.ts';
import { handleStepFunctionsRequest, type StepFunctionsApiContext } from './api/operations.ts';

/** Every problem with the options at once, each machine's definition included; nothing is compiled before. */
function checkOptions(options: StepFunctionsServiceOptions): void {
  const problems = collectOptionProblems('createStepFunctionsService');
  if (typeof options.region !== 'string' || options.region === '')
    problems.add('region', options.region, 'must be a non-empty string');
  if (typeof options.accountId !== 'string' || !ACCOUNT_ID_PATTERN.test(options.accountId))
    problems.add('accountId', options.accountId, 'must be 12 digits');
  if (typeof options.invokeApiGateway !== 'function')
    problems.add('invokeApiGateway', options.invokeApiGateway, 'must be a function');
  for (const field of ['invokeLambda', 'callDynamoDb'] as const) {
    if (options[field] !== undefined && typeof options[field] !== 'function')
      problems.add(field, options[field], 'must be a function when given');
  }
  for (const field of ['waitTimeScale', 'retryIntervalScale'] as const) {
    const scale = options[field];
    if (scale !== undefined && !(Number.isFinite(scale) && scale >= 0))
      problems.add(field, scale, 'must be a finite number >= 0');
  }
  if (options.log !== undefined && typeof options.log !== 'function')
    problems.add('log', options.log, 'must be a function (line) => void');
  checkEachOf(
    problems,
    'stateMachines',
    options.stateMachines,
    'arn',
    (config: StateMachineConfig) => config?.arn,
    (config, index) => machineConfigProblems(config, index, options, problems),
  );
  problems.throwIfAny();
}

/**
 * Local Step Functions: the executions API Gateway's `states:action/Start(Sync)Execution` integrations start, and the
 * Step Functions API on them (api/operations.ts) for the AWS SDK and CLI. Every execution keeps its history, and
 * writes one log line per state it enters and one for its outcome.
 */
export function createStepFunctionsService(options: StepFunctionsServiceOptions): StepFunctionsService {
  checkOptions(options);
  ensurePromiseWithResolvers();
  const machines = new Map(options.stateMachines.map((config) => [config.arn, compileMachine(config, options)]));
  const configs = new Map(options.stateMachines.map((config) => [config.arn, config]));
  const log = options.log ?? stderrLog('stepfunctions');
  const executions = createExecutionRegistry();
  let started = false;
  let creationDate = new Date();

  type Accepted = { compiled: CompiledMachine; request: StartRequest };
  function accept(requestBody: string, operation: string): Accepted | ServiceResponse {
    if (!started) throw new Error(`Step Functions service: ${operation} called while the service is not started`);
    const parsed = parseStartRequest(requestBody);
    if (!parsed.ok) return parsed.response;
    const compiled = machines.get(parsed.request.stateMachineArn);
    if (!compiled)
      return errorResponse(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${parsed.request.stateMachineArn}'`,
      );
    return { compiled, request: parsed.request };
  }

  /** `background`: a StartExecution, whose outcome no caller sees, so a failure is a warning. */
  function begin(
    { compiled, request }: Accepted,
    executionArn: string,
    name: string,
    background = false,
  ): ExecutionRecord {
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: compiled.config.arn,
      name,
      status: 'RUNNING',
      startDate: new Date(),
      input: request.input,
    };
    const label = `${compiled.config.name}:${name}`;
    const running = runExecution(compiled, record, request.inputValue, {
      region: options.region,
      onStateEntered: (state, type) =>
        log(`${label} → ${state} (${type})`, 'info', { executionArn, state, stateType: type }),
    });
    executions.track(running);
    void running.settled.then(({ status, error, cause, startDate, stopDate }) => {
      const took = (stopDate?.getTime() ?? Date.now()) - startDate.getTime();
      const why =
        error === undefined && cause === undefined
          ? ''
          : `: ${[error, cause].filter((part) => part !== undefined).join(': ')}`;
      const failed = status === 'FAILED' || status === 'TIMED_OUT';
      log(`${label} ${status} after ${took} ms${why}`, failed && background ? 'warn' : 'info', {
        executionArn,
        status,
        ...(error ? { error } : {}),
      });
    });
    return record;
  }

  const startSyncExecution = async (requestBody: string): Promise<ServiceResponse> => {
    const accepted = accept(requestBody, 'StartSyncExecution');
    if (!('compiled' in accepted)) return accepted;
    if (accepted.compiled.config.type !== 'EXPRESS') {
      return errorResponse(
        'StateMachineTypeNotSupported',
        'This operation is not supported by this type of state machine',
      );
    }
    const { executionArn, name } = newExecutionIdentity(accepted.compiled.config, accepted.request.name);
    const record = begin(accepted, executionArn, name);
    await executions.waitFor(executionArn);
    return okResponse(startSyncExecutionBody(record, accepted.request.traceHeader));
  };
  const startExecution = async (requestBody: string): Promise<ServiceResponse> => {
    const accepted = accept(requestBody, 'StartExecution');
    if (!('compiled' in accepted)) return accepted;
    const { executionArn, name } = newExecutionIdentity(accepted.compiled.config, accepted.request.name);
    const existing = executions.get(executionArn)?.record;
    if (existing) {
      // Standard names are unique: the same request while it runs is answered again (idempotent); anything else is refused.
      if (existing.status === 'RUNNING' && existing.input === accepted.request.input)
        return okResponse(startExecutionBody(existing));
      return errorResponse('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    return okResponse(startExecutionBody(begin(accepted, executionArn, name, true)));
  };
  const api: StepFunctionsApiContext = {
    machines: configs,
    executions,
    creationDate: () => creationDate,
    startExecution,
    startSyncExecution,
  };

  return {
    async start() {
      started = true;
      creationDate = new Date();
    },
    async stop() {
      started = false;
      executions.abortAll();
      await executions.waitForIdle();
    },
    startSyncExecution,
    startExecution,
    handle: (operation, body) => handleStepFunctionsRequest(api, operation, body),
    describeExecution: (executionArn) => {
      const record = executions.get(executionArn)?.record;
      return record && structuredClone(record);
    },
    executions: () =>
      executions
        .newestFirst()
        .map(({ record, history }) => ({ record: structuredClone(record), events: history.events.length })),
    history: (executionArn) => {
      const tracked = executions.get(executionArn);
      return tracked && structuredClone(tracked.history.events);
    },
    waitForIdle: () => executions.waitForIdle(),
  };
}
