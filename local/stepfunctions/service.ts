import { compileMachine, type CompiledMachine } from './compile-machine.ts';
import { errorResponse, okResponse } from './error-responses.ts';
import { newExecutionIdentity } from './execution-arns.ts';
import { createExecutionRegistry } from './execution-registry.ts';
import { ensurePromiseWithResolvers } from './promise-with-resolvers.ts';
import { startExecutionBody, startSyncExecutionBody } from './response-bodies.ts';
import { runExecution } from './run-execution.ts';
import { parseStartRequest, type StartRequest } from './start-request.ts';
import type { ExecutionRecord, ServiceResponse, StepFunctionsService, StepFunctionsServiceOptions } from './types.ts';

function checkOptions(options: StepFunctionsServiceOptions): void {
  if (typeof options.region !== 'string' || options.region === '') throw new TypeError(`region: "${String(options.region)}" must be a non-empty string`);
  if (!/^\d{12}$/.test(options.accountId)) throw new TypeError(`accountId: "${String(options.accountId)}" must be 12 digits`);
  if (typeof options.invokeApiGateway !== 'function') throw new TypeError('invokeApiGateway: must be a function');
  for (const field of ['waitTimeScale', 'retryIntervalScale'] as const) {
    const scale = options[field];
    if (scale !== undefined && !(Number.isFinite(scale) && scale >= 0)) throw new TypeError(`${field}: ${scale} must be a finite number >= 0`);
  }
}

function compileAll(options: StepFunctionsServiceOptions): Map<string, CompiledMachine> {
  const machines = new Map<string, CompiledMachine>();
  options.stateMachines.forEach((config, index) => {
    if (machines.has(config.arn)) throw new TypeError(`stateMachines[${index}].arn: "${config.arn}" is listed twice`);
    machines.set(config.arn, compileMachine(config, index, options));
  });
  return machines;
}

/** The Step Functions API as API Gateway's `states:action/Start(Sync)Execution` integrations use it. */
export function createStepFunctionsService(options: StepFunctionsServiceOptions): StepFunctionsService {
  checkOptions(options);
  ensurePromiseWithResolvers();
  const machines = compileAll(options);
  const executions = createExecutionRegistry();
  let started = false;

  type Accepted = { compiled: CompiledMachine; request: StartRequest };
  function accept(requestBody: string, operation: string): Accepted | ServiceResponse {
    if (!started) throw new Error(`Step Functions service: ${operation} called while the service is not started`);
    const parsed = parseStartRequest(requestBody);
    if (!parsed.ok) return parsed.response;
    const compiled = machines.get(parsed.request.stateMachineArn);
    if (!compiled) return errorResponse('StateMachineDoesNotExist', `State Machine Does Not Exist: '${parsed.request.stateMachineArn}'`);
    return { compiled, request: parsed.request };
  }

  function begin({ compiled, request }: Accepted, executionArn: string, name: string): ExecutionRecord {
    const record: ExecutionRecord = {
      executionArn, stateMachineArn: compiled.config.arn, name, status: 'RUNNING', startDate: new Date(), input: request.input,
    };
    const running = runExecution(compiled, record, request.inputValue);
    executions.track(running);
    return record;
  }

  return {
    async start() { started = true; },
    async stop() {
      started = false;
      executions.abortAll();
      await executions.waitForIdle();
    },
    async startSyncExecution(requestBody) {
      const accepted = accept(requestBody, 'StartSyncExecution');
      if (!('compiled' in accepted)) return accepted;
      if (accepted.compiled.config.type !== 'EXPRESS') {
        return errorResponse('StateMachineTypeNotSupported', 'This operation is not supported by this type of state machine');
      }
      const { executionArn, name } = newExecutionIdentity(accepted.compiled.config, accepted.request.name);
      const record = begin(accepted, executionArn, name);
      await executions.waitFor(executionArn);
      return okResponse(startSyncExecutionBody(record, accepted.request.traceHeader));
    },
    async startExecution(requestBody) {
      const accepted = accept(requestBody, 'StartExecution');
      if (!('compiled' in accepted)) return accepted;
      const { executionArn, name } = newExecutionIdentity(accepted.compiled.config, accepted.request.name);
      const existing = executions.get(executionArn);
      if (existing) {
        // Standard names are unique: the same request while it runs is answered again (idempotent); anything else is refused.
        if (existing.status === 'RUNNING' && existing.input === accepted.request.input) return okResponse(startExecutionBody(existing));
        return errorResponse('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
      }
      return okResponse(startExecutionBody(begin(accepted, executionArn, name)));
    },
    describeExecution: (executionArn) => {
      const record = executions.get(executionArn);
      return record && structuredClone(record);
    },
    waitForIdle: () => executions.waitForIdle(),
  };
}
