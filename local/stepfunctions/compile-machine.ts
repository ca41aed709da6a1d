import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { aslProblems } from '../../lang/asl/index.ts';
import type { AslStates } from './definition-walk.ts';
import { withDeferredTaskIntrinsics } from './intrinsic-workaround.ts';
import { localTaskHandlers } from './task-handlers.ts';
import { scaledWaitTimes, withScaledRetryIntervals } from './time-scale.ts';
import type { StateMachineConfig, StepFunctionsServiceOptions } from './types.ts';

/** A state machine ready to run: the library object plus the run options every execution uses. */
export interface CompiledMachine {
  config: StateMachineConfig;
  machine: StateMachine;
  runOptions: RunOptions;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([A-Za-z0-9_-]{1,80})$/;

function checkConfig(config: StateMachineConfig, index: number, options: StepFunctionsServiceOptions): void {
  const where = `stateMachines[${index}]`;
  const match = STATE_MACHINE_ARN.exec(config.arn);
  if (!match) throw new TypeError(`${where}.arn: "${config.arn}" is not a state machine ARN (arn:aws:states:{region}:{account}:stateMachine:{name})`);
  if (match[3] !== config.name) throw new TypeError(`${where}.name: "${config.name}" differs from the name in the ARN "${config.arn}"`);
  if (match[1] !== options.region || match[2] !== options.accountId) {
    throw new TypeError(`${where}.arn: "${config.arn}" is not in region "${options.region}" and account "${options.accountId}"`);
  }
  if (config.type !== 'EXPRESS' && config.type !== 'STANDARD') throw new TypeError(`${where}.type: "${String(config.type)}" must be EXPRESS or STANDARD`);
  if (config.definition === null || typeof config.definition !== 'object') throw new TypeError(`${where}.definition: must be an object`);
}

/**
 * Validates once (lang/asl, the same validation the template checks run), then constructs with `noValidate`:
 * the library would otherwise re-validate in every constructor, 170–400 ms each.
 */
export function compileMachine(config: StateMachineConfig, index: number, options: StepFunctionsServiceOptions): CompiledMachine {
  checkConfig(config, index, options);
  const problems = aslProblems(config.definition);
  if (problems.length > 0) {
    throw new TypeError(`stateMachines[${index}].definition ("${config.name}") is not valid ASL: ${problems.join('; ')}`);
  }
  const definition = config.definition as AslStates;
  const waitTimeScale = options.waitTimeScale ?? 1;
  const taskResourceLocalHandlers = localTaskHandlers(config.name, definition, options.invokeApiGateway);
  const runnable = withDeferredTaskIntrinsics(withScaledRetryIntervals(definition, options.retryIntervalScale ?? waitTimeScale));
  const machine = new StateMachine(runnable as unknown as StateMachineDefinition, // shape checked by asl-validator above
    { validationOptions: { noValidate: true } });
  const runOptions: RunOptions = { overrides: { taskResourceLocalHandlers, waitTimeOverrides: scaledWaitTimes(definition, waitTimeScale) } };
  return { config, machine, runOptions };
}
