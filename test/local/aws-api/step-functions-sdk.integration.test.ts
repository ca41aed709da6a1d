/** The local Step Functions API through the real AWS SDK v3: shapes, history, paging, StopExecution, errors and IAM. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { DEVELOPER, LOCAL_STACK, roleCredentials } from '../../support/aws-credentials.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { sdkFailureOf } from '../../support/sdk-failure.ts';

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const MACHINE = (name: string) => `arn:aws:states:us-east-1:${LOCAL_STACK.accountId}:stateMachine:local-${name}`;
const ASYNC = MACHINE('AsyncSfnStateMachine');
const SYNC = MACHINE('SyncSfnStateMachine');

describe('local Step Functions API through @aws-sdk/client-sfn', () => {
  let stack: LocalStack;
  let sfn: SFNClient;
  const lines: string[] = [];
  before(async () => {
    // Wait states at a fifth of their length: 1 s, long enough to stop an execution in its Wait.
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      waitTimeScale: 0.2,
      log: (line) => lines.push(line),
    });
    // disableHostPrefix: StartSyncExecution's endpoint is `sync-<host>`, and `sync-127.0.0.1` is no host (as with any local endpoint).
    sfn = new SFNClient({
      endpoint: stack.outputs.StepFunctionsEndpoint,
      region: 'us-east-1',
      credentials: DEVELOPER,
      disableHostPrefix: true,
    });
  });
  after(async () => {
    sfn.destroy();
    await stack.stop();
  });

  const finished = async (executionArn: string) => {
    for (let attempt = 0; attempt < 200; attempt += 1) {
      const described = await sfn.send(new DescribeExecutionCommand({ executionArn }));
      if (described.status !== 'RUNNING') return described;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`${executionArn} still RUNNING after 10 s`);
  };

  it('names the endpoint in the outputs, the same one for Lambda', () => {
    assert.match(stack.outputs.StepFunctionsEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(stack.outputs.LambdaEndpoint, stack.outputs.StepFunctionsEndpoint);
  });

  it("lists and describes the template's state machines", async () => {
    const listed = await sfn.send(new ListStateMachinesCommand({}));
    assert.deepEqual(
      listed.stateMachines?.map(({ name, type, stateMachineArn }) => ({ name, type, stateMachineArn })),
      [
        { name: 'local-AsyncSfnStateMachine', type: 'STANDARD', stateMachineArn: ASYNC },
        { name: 'local-SyncSfnStateMachine', type: 'EXPRESS', stateMachineArn: SYNC },
      ],
    );
    assert.ok(listed.stateMachines?.[0]?.creationDate instanceof Date);
    const page = await sfn.send(new ListStateMachinesCommand({ maxResults: 1 }));
    assert.equal(page.stateMachines?.length, 1);
    const rest = await sfn.send(new ListStateMachinesCommand({ maxResults: 1, nextToken: page.nextToken }));
    assert.deepEqual(
      rest.stateMachines?.map((machine) => machine.name),
      ['local-SyncSfnStateMachine'],
    );
    assert.equal(rest.nextToken, undefined);
    const described = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: ASYNC }));
    assert.equal(described.status, 'ACTIVE');
    assert.equal(described.roleArn, `arn:aws:iam::${LOCAL_STACK.accountId}:role/local-AsyncSfnStateMachineRole`);
    assert.equal(JSON.parse(described.definition ?? '{}').StartAt, 'Wait');
  });

  it('runs a Standard execution; DescribeExecution and GetExecutionHistory give its states, as the SDK deserializes them', async () => {
    const input = JSON.stringify({ ConnectionID: 'AAAAAAAAAAAAAAA=' }); // no such connection: 410, caught, Client Gone
    const started = await sfn.send(new StartExecutionCommand({ stateMachineArn: ASYNC, name: 'history-run', input }));
    assert.equal(
      started.executionArn,
      `arn:aws:states:us-east-1:${LOCAL_STACK.accountId}:execution:local-AsyncSfnStateMachine:history-run`,
    );
    assert.ok(started.startDate instanceof Date);
    const described = await finished(started.executionArn ?? '');
    assert.equal(described.status, 'SUCCEEDED');
    assert.equal(described.input, input);
    assert.ok(
      described.stopDate instanceof Date &&
        described.startDate instanceof Date &&
        described.stopDate >= described.startDate,
    );
    assert.equal(JSON.parse(described.output ?? '{}').notifyError.Error, 'ApiGateway.410');

    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    assert.deepEqual(
      events.map((event) => event.type),
      [
        'ExecutionStarted',
        'WaitStateEntered',
        'WaitStateExited',
        'TaskStateEntered',
        'TaskScheduled',
        'TaskStarted',
        'TaskFailed',
        'TaskStateExited',
        'SucceedStateEntered',
        'SucceedStateExited',
        'ExecutionSucceeded',
      ],
    );
    assert.deepEqual(
      events.map((event) => event.id),
      events.map((_event, index) => index + 1),
    );
    assert.deepEqual(
      events.map((event) => event.previousEventId),
      [0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    );
    assert.ok(events.every((event) => event.timestamp instanceof Date));
    assert.equal(events[0]?.executionStartedEventDetails?.input, input);
    assert.equal(
      events[0]?.executionStartedEventDetails?.roleArn,
      `arn:aws:iam::${LOCAL_STACK.accountId}:role/local-AsyncSfnStateMachineRole`,
    );
    assert.equal(events[3]?.stateEnteredEventDetails?.name, 'Notify Client');
    const scheduled = events[4]?.taskScheduledEventDetails;
    assert.deepEqual(
      { ...scheduled, parameters: undefined },
      { resourceType: 'apigateway', resource: 'invoke', region: 'us-east-1', parameters: undefined },
    );
    const parameters = JSON.parse(scheduled?.parameters ?? '{}') as Record<string, unknown>;
    assert.match(String(parameters['ApiEndpoint']), /^[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/);
    assert.deepEqual(
      { ...parameters, ApiEndpoint: undefined },
      {
        ApiEndpoint: undefined,
        Method: 'POST',
        Stage: 'api',
        Path: '/@connections/AAAAAAAAAAAAAAA=',
        RequestBody: { Message: 'Hello from asynchronous workflow execution!' },
        AuthType: 'IAM_ROLE',
      },
    );
    assert.equal(events[6]?.taskFailedEventDetails?.error, 'ApiGateway.410');
    assert.equal(events.at(-1)?.executionSucceededEventDetails?.output, described.output);

    const reversed = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: started.executionArn,
        reverseOrder: true,
        maxResults: 2,
        includeExecutionData: false,
      }),
    );
    assert.deepEqual(
      reversed.events?.map((event) => event.type),
      ['ExecutionSucceeded', 'SucceedStateExited'],
    );
    assert.equal(reversed.events?.[0]?.executionSucceededEventDetails?.output, undefined);
    const next = await sfn.send(
      new GetExecutionHistoryCommand({
        executionArn: started.executionArn,
        reverseOrder: true,
        maxResults: 2,
        nextToken: reversed.nextToken,
      }),
    );
    assert.deepEqual(
      next.events?.map((event) => event.id),
      [9, 8],
    );
    assert.ok(
      lines.includes('stepfunctions: local-AsyncSfnStateMachine:history-run → Notify Client (Task)'),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => /^stepfunctions: local-AsyncSfnStateMachine:history-run SUCCEEDED after \d+ ms$/.test(line)),
      lines.join('\n'),
    );
  });

  it("stops a running execution: ABORTED with the request's error and cause, its history ending in ExecutionAborted", async () => {
    const started = await sfn.send(
      new StartExecutionCommand({ stateMachineArn: ASYNC, input: '{"ConnectionID":"AAAAAAAAAAAAAAA="}' }),
    );
    const stopped = await sfn.send(
      new StopExecutionCommand({
        executionArn: started.executionArn,
        error: 'Operator.Stop',
        cause: 'stopped by the test',
      }),
    );
    assert.ok(stopped.stopDate instanceof Date);
    const described = await sfn.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
    assert.deepEqual(
      { status: described.status, error: described.error, cause: described.cause },
      { status: 'ABORTED', error: 'Operator.Stop', cause: 'stopped by the test' },
    );
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn: started.executionArn }));
    assert.deepEqual(
      events.map((event) => event.type),
      ['ExecutionStarted', 'WaitStateEntered', 'ExecutionAborted'],
    );
    assert.deepEqual(events.at(-1)?.executionAbortedEventDetails, {
      error: 'Operator.Stop',
      cause: 'stopped by the test',
    });
  });

  it('lists executions newest first, filtered by status, a page at a time', async () => {
    const all = await sfn.send(new ListExecutionsCommand({ stateMachineArn: ASYNC }));
    assert.ok((all.executions?.length ?? 0) >= 2);
    const dates = all.executions?.map((execution) => execution.startDate?.getTime() ?? 0) ?? [];
    assert.deepEqual(
      dates,
      [...dates].sort((a, b) => b - a),
    );
    const aborted = await sfn.send(new ListExecutionsCommand({ stateMachineArn: ASYNC, statusFilter: 'ABORTED' }));
    assert.ok(aborted.executions?.length && aborted.executions.every((execution) => execution.status === 'ABORTED'));
    const first = await sfn.send(new ListExecutionsCommand({ stateMachineArn: ASYNC, maxResults: 1 }));
    assert.equal(first.executions?.length, 1);
    const second = await sfn.send(
      new ListExecutionsCommand({ stateMachineArn: ASYNC, maxResults: 1, nextToken: first.nextToken }),
    );
    assert.notEqual(second.executions?.[0]?.executionArn, first.executions?.[0]?.executionArn);
  });

  it('runs an Express execution synchronously; its history is not in the API (Express keeps none)', async () => {
    const result = await sfn.send(new StartSyncExecutionCommand({ stateMachineArn: SYNC, input: '{"n":1}' }));
    assert.deepEqual({ status: result.status, output: result.output }, { status: 'SUCCEEDED', output: '{"n":1}' });
    assert.match(result.executionArn ?? '', /:express:local-SyncSfnStateMachine:/);
    assert.equal(
      (await sdkFailureOf(sfn.send(new DescribeExecutionCommand({ executionArn: result.executionArn })))).name,
      'StateMachineTypeNotSupported',
    );
    assert.equal(
      (await sdkFailureOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: SYNC })))).name,
      'StateMachineTypeNotSupported',
    );
  });

  it("answers bad requests with Step Functions' errors", async () => {
    const missing = `arn:aws:states:us-east-1:${LOCAL_STACK.accountId}:execution:local-AsyncSfnStateMachine:no-such-run`;
    assert.deepEqual(await sdkFailureOf(sfn.send(new DescribeExecutionCommand({ executionArn: missing }))), {
      name: 'ExecutionDoesNotExist',
      status: 400,
      message: `Execution Does Not Exist: '${missing}'`,
    });
    assert.deepEqual(await sdkFailureOf(sfn.send(new GetExecutionHistoryCommand({ executionArn: 'not-an-arn' }))), {
      name: 'InvalidArn',
      status: 400,
      message: "Invalid Arn: 'Invalid ARN prefix: not-an-arn'",
    });
    assert.equal(
      (await sdkFailureOf(sfn.send(new DescribeExecutionCommand({ executionArn: ASYNC })))).message,
      "Invalid Arn: 'Resource type not valid in this context: stateMachine'",
    );
    assert.equal(
      (await sdkFailureOf(sfn.send(new DescribeStateMachineCommand({ stateMachineArn: MACHINE('Nope') })))).name,
      'StateMachineDoesNotExist',
    );
    assert.deepEqual(
      await sdkFailureOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: ASYNC, maxResults: 1001 }))),
      {
        name: 'ValidationException',
        status: 400,
        message:
          "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 1000",
      },
    );
    assert.equal(
      (await sdkFailureOf(sfn.send(new ListExecutionsCommand({ stateMachineArn: ASYNC, nextToken: 'forged' })))).name,
      'InvalidToken',
    );
    assert.equal((await sdkFailureOf(sfn.send(new DescribeExecutionCommand({} as never)))).name, 'ValidationException');
  });

  it("evaluates a request signed with a template role's key against that role; any other key is the developer's", async () => {
    const { credentials } = roleCredentials(TEMPLATE, 'SyncSfnIntegrationRole');
    const asRole = new SFNClient({
      endpoint: stack.outputs.StepFunctionsEndpoint,
      region: 'us-east-1',
      credentials,
      disableHostPrefix: true,
    });
    try {
      const allowed = await asRole.send(new StartSyncExecutionCommand({ stateMachineArn: SYNC, input: '{}' }));
      assert.equal(allowed.status, 'SUCCEEDED');
      const denied = await sdkFailureOf(
        asRole.send(new StartExecutionCommand({ stateMachineArn: ASYNC, input: '{}' })),
      );
      assert.deepEqual(denied, {
        name: 'AccessDeniedException',
        status: 400,
        message:
          `User: arn:aws:sts::${LOCAL_STACK.accountId}:assumed-role/local-SyncSfnIntegrationRole/local is not authorized to perform: ` +
          `states:StartExecution on resource: ${ASYNC} because no identity-based policy allows the states:StartExecution action`,
      });
      assert.equal((await sdkFailureOf(asRole.send(new ListStateMachinesCommand({})))).name, 'AccessDeniedException');
      assert.ok(
        lines.some(
          (line) =>
            line.startsWith('iam: AccessDenied: role SyncSfnIntegrationRole') &&
            line.includes('states:ListStateMachines on *'),
        ),
        lines.join('\n'),
      );
    } finally {
      asRole.destroy();
    }
  });
});
