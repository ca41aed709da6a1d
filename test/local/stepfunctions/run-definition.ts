/** Runs one ad-hoc definition once on the local Step Functions service, its Task backends given by the test. */
import {
  createStepFunctionsService,
  type ExecutionRecord,
  type StepFunctionsServiceOptions,
  type TaskCaller,
} from '../../../local/stepfunctions/index.ts';
import { ACCOUNT, REGION } from './fixtures.ts';

export const MACHINE_ARN = `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:Flow`;

type Backends = Partial<Pick<StepFunctionsServiceOptions, 'invokeLambda' | 'callDynamoDb' | 'invokeApiGateway'>>;

/** The finished execution (a STANDARD one, so a failure is a record, not a thrown error) and the callers the backends saw. */
export async function runDefinition(
  definition: object,
  input: unknown,
  backends: Backends,
): Promise<{ record: ExecutionRecord; output: unknown; callers: TaskCaller[] }> {
  const callers: TaskCaller[] = [];
  const service = createStepFunctionsService({
    region: REGION,
    accountId: ACCOUNT,
    waitTimeScale: 0,
    log: () => {},
    stateMachines: [{ arn: MACHINE_ARN, name: 'Flow', type: 'STANDARD', definition }],
    invokeApiGateway: backends.invokeApiGateway ?? (async () => ({ statusCode: 200, headers: {}, body: '' })),
    ...(backends.invokeLambda
      ? {
          invokeLambda: (name, payload, caller) => {
            callers.push(caller);
            return backends.invokeLambda!(name, payload, caller);
          },
        }
      : {}),
    ...(backends.callDynamoDb
      ? {
          callDynamoDb: (operation, body, caller) => {
            callers.push(caller);
            return backends.callDynamoDb!(operation, body, caller);
          },
        }
      : {}),
  });
  await service.start();
  try {
    const started = await service.startExecution(
      JSON.stringify({ stateMachineArn: MACHINE_ARN, input: JSON.stringify(input) }),
    );
    await service.waitForIdle();
    const record = service.describeExecution((JSON.parse(started.body) as { executionArn: string }).executionArn)!;
    return { record, output: record.output === undefined ? undefined : JSON.parse(record.output), callers };
  } finally {
    await service.stop();
  }
}

/** A one-state machine. */
export const oneTask = (state: object) => ({
  StartAt: 'Task',
  States: { Task: { Type: 'Task', End: true, ...state } },
});
