import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { aslProblems } from '../../lang/asl/index.ts';
import type { OptionProblems } from '../shared/options.ts';
import { allStates, type AslStates } from './definition-walk.ts';
import { withDeferredTaskIntrinsics } from './intrinsic-workaround.ts';
import { localTaskHandlers, type LocalTaskHandlers } from './task-handlers.ts';
import { scaledWaitTimes, withScaledRetryIntervals } from './time-scale.ts';
import type { StateMachineConfig, StepFunctionsServiceOptions } from './types.ts';

/** A state machine ready to run: the library object plus the run options every execution uses. */
export interface CompiledMachine {
  config: StateMachineConfig;
  machine: StateMachine;
  /** Every execution's options; each execution wraps `taskHandlers` to record its Task events. */
  runOptions: RunOptions;
  taskHandlers: LocalTaskHandlers;
  /** Task state name → its Resource without the `arn:aws:states:::` prefix (`apigateway:invoke`), for the history. */
  taskResources: Map<string, string>;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;

/** Every problem with one state machine's config, its definition through the same ASL validation as the template checks. */
export function machineConfigProblems(
  config: StateMachineConfig,
  index: number,
  options: StepFunctionsServiceOptions,
  problems: OptionProblems,
): void {
  const where = `stateMachines[${index}]`;
  const match = STATE_MACHINE_ARN.exec(config.arn);
  if (!match)
    problems.add(
      `${where}.arn`,
      config.arn,
      'is not a state machine ARN (arn:aws:states:{region}:{account}:stateMachine:{name})',
    );
  else if (match[3] !== config.name)
    problems.add(`${where}.name`, config.name, `differs from the name in the ARN "${config.arn}"`);
  else if (match[1] !== options.region || match[2] !== options.accountId) {
    problems.add(`${where}.arn`, config.arn, `is not in region "${options.region}" and account "${options.accountId}"`);
  }
  if (config.type !== 'EXPRESS' && config.type !== 'STANDARD')
    problems.add(`${where}.type`, config.type, 'must be EXPRESS or STANDARD');
  if (config.definition === null || typeof config.definition !== 'object') {
    problems.add(`${where}.definition`, config.definition, 'must be an object');
    return;
  }
  const invalid = aslProblems(config.definition);
  if (invalid.length > 0)
    problems.addAll([`${where}.definition ("${config.name}") is not valid ASL: ${invalid.join('; ')}`]);
}

/**
 * Constructs with `noValidate` a machine `machineConfigProblems` found nothing wrong with: the library would
 * otherwise validate again in every constructor, 170–400 ms each.
 */
export function compileMachine(config: StateMachineConfig, options: StepFunctionsServiceOptions): CompiledMachine {
  const definition = config.definition as AslStates;
  const waitTimeScale = options.waitTimeScale ?? 1;
  const caller = { stateMachineArn: config.arn };
  const { invokeLambda, callDynamoDb } = options;
  const taskResourceLocalHandlers = localTaskHandlers(config.name, definition, {
    invokeApiGateway: (parameters) => options.invokeApiGateway(parameters, caller),
    invokeLambda: invokeLambda && ((functionName, payload) => invokeLambda(functionName, payload, caller)),
    callDynamoDb: callDynamoDb && ((operation, body) => callDynamoDb(operation, body, caller)),
  });
  const runnable = withDeferredTaskIntrinsics(
    withScaledRetryIntervals(definition, options.retryIntervalScale ?? waitTimeScale),
  );
  const machine = new StateMachine(
    runnable as unknown as StateMachineDefinition, // shape checked by asl-validator above
    { validationOptions: { noValidate: true } },
  );
  const runOptions: RunOptions = { overrides: { waitTimeOverrides: scaledWaitTimes(definition, waitTimeScale) } };
  const taskResources = new Map(
    allStates(definition)
      .filter(({ state }) => state.Type === 'Task')
      .map(({ name, state }) => [name, String(state['Resource']).replace(/^arn:aws[a-z-]*:states:::/, '')]),
  );
  return { config, machine, runOptions, taskHandlers: taskResourceLocalHandlers, taskResources };
}
