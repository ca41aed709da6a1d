/**
 * The local AWS endpoint through the AWS CLI, an optional tool: without `aws` on PATH the test is skipped, naming
 * how to install it (`apt-get install awscli`); REQUIRE_AWS_CLI=1 (or REQUIRE_TOOLS=1, .ci/run) makes that a failure.
 */
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { after, before, describe, it } from 'node:test';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { DEVELOPER } from '../../support/aws-credentials.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { skipWithoutTool } from '../../support/optional-tool.ts';

/** `aws`: the AWS CLI (v1 or v2), from Debian's `awscli` package or pip. */
const AWS_CLI = { name: 'aws-cli', install: 'apt-get install awscli' };

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;

/** Asynchronous: the stack answering the CLI runs in this process, so a synchronous spawn would wait on itself. */
async function aws(endpoint: string, args: string[]) {
  const run = await execa('aws', [...args, '--endpoint-url', endpoint, '--region', 'us-east-1', '--output', 'json'], {
    reject: false,
    timeout: 60_000,
    stdin: 'ignore',
    env: {
      ...process.env,
      AWS_ACCESS_KEY_ID: DEVELOPER.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DEVELOPER.secretAccessKey,
      AWS_PAGER: '',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    },
  });
  return { status: run.exitCode, stdout: String(run.stdout), stderr: String(run.stderr) };
}

describe('local AWS endpoint through the AWS CLI', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      waitTimeScale: 0.01,
      log: () => {},
    });
  });
  after(async () => {
    await stack.stop();
  });

  it('lists state machines, starts an execution and reads its history', async (t) => {
    const probe = await execa('aws', ['--version'], { reject: false, stdin: 'ignore' });
    if (skipWithoutTool(t, AWS_CLI, probe.exitCode === 0, probe.failed ? probe.shortMessage : undefined)) return;
    const endpoint = stack.outputs.StepFunctionsEndpoint;
    const listed = await aws(endpoint, ['stepfunctions', 'list-state-machines']);
    assert.equal(listed.status, 0, listed.stderr);
    const machines = (JSON.parse(listed.stdout) as { stateMachines: Array<{ name: string; stateMachineArn: string }> })
      .stateMachines;
    assert.deepEqual(
      machines.map((machine) => machine.name),
      ['local-AsyncSfnStateMachine', 'local-SyncSfnStateMachine'],
    );
    const started = await aws(endpoint, [
      'stepfunctions',
      'start-execution',
      '--state-machine-arn',
      machines[0]?.stateMachineArn ?? '',
      '--input',
      '{"ConnectionID":"AAAAAAAAAAAAAAA="}',
    ]);
    assert.equal(started.status, 0, started.stderr);
    const { executionArn } = JSON.parse(started.stdout) as { executionArn: string };
    let status = 'RUNNING';
    for (let attempt = 0; attempt < 100 && status === 'RUNNING'; attempt += 1) {
      const described = await aws(endpoint, ['stepfunctions', 'describe-execution', '--execution-arn', executionArn]);
      assert.equal(described.status, 0, described.stderr);
      status = (JSON.parse(described.stdout) as { status: string }).status;
      if (status === 'RUNNING') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(status, 'SUCCEEDED');
    const history = await aws(endpoint, ['stepfunctions', 'get-execution-history', '--execution-arn', executionArn]);
    assert.equal(history.status, 0, history.stderr);
    assert.equal(
      (JSON.parse(history.stdout) as { events: Array<{ type: string }> }).events.at(-1)?.type,
      'ExecutionSucceeded',
    );
    const missing = await aws(endpoint, [
      'stepfunctions',
      'describe-execution',
      '--execution-arn',
      `${executionArn}-gone`,
    ]);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /ExecutionDoesNotExist/);
  });
});
