/**
 * Proof that the generated roles are enough: every example runs a client's whole session (connect, a message, the
 * backend work it triggers, disconnect) with IAM enforced, and the run has no denial and no call left unevaluated,
 * while its decisions file shows the calls were evaluated (each allowed by a named statement). The examples' own
 * suites and the smoke suite (root template, ocpp) run with IAM on as well; this asserts what those would tolerate:
 * a denial whose failure is silent ($disconnect's DeleteItem leaves a record; a workflow's @connections post is lost).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parseDecisionRecords, type DecisionRecord } from '../../local/iam/index.ts';
import { startLocalStack } from '../../local/stack/index.ts';
import { connect } from '../../smoke/client.ts';
import { EXAMPLE_STACKS, startExample } from '../security/example-stacks.ts';
import { freshBundleDir } from '../support/generated-stack.ts';
import { invokeFunction } from '../support/invoke-function.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const WAIT_MS = 10_000;

function recorder() {
  const lines: string[] = [];
  const decisionsFile = join(mkdtempSync(join(tmpdir(), 'iam-enforced-')), 'iam-decisions.jsonl');
  return {
    lines,
    decisionsFile,
    log: (line: string) => {
      lines.push(line);
    },
    /** The run's decisions, after checking it had no denial and nothing unevaluated. */
    check(): DecisionRecord[] {
      assert.deepEqual(
        this.lines.filter((line) => /^iam: (AccessDenied|not evaluated)/.test(line)),
        [],
      );
      const { records, badLines } = parseDecisionRecords(readFileSync(decisionsFile, 'utf8'));
      assert.deepEqual(badLines, []);
      assert.deepEqual(
        records.filter((record) => !record.allowed),
        [],
      );
      for (const record of records)
        assert.ok(
          record.policy !== undefined && record.statement !== undefined,
          `a statement allowed ${JSON.stringify(record)}`,
        );
      return records;
    },
  };
}

const calls = (records: DecisionRecord[]) =>
  records.map((record) => `${record.role ?? record.principal} ${record.action}`);

describe('every example under IAM: its generated roles allow everything a session does', () => {
  for (const example of EXAMPLE_STACKS) {
    it(`${example.name}: connect, a message, disconnect`, async () => {
      const run = recorder();
      const running = await startExample(example, { iam: 'on', log: run.log, iamDecisionsFile: run.decisionsFile });
      try {
        const client = await connect(running.client.url, WAIT_MS, running.client.options);
        client.socket.send('hello');
        await client.next('an answer to the message', WAIT_MS).catch(() => undefined); // not every example answers
        if (example.name === 'examples/ocpp') {
          const sent = await invokeFunction(running.stack.outputs, running.stack.outputs['SendToIdentityFunction']!, {
            identity: 'CP001',
            data: 'x',
          });
          assert.equal(sent.kind, 'result', JSON.stringify(sent));
        }
        await client.close();
        const deadline = Date.now() + WAIT_MS; // $disconnect runs after the close
        while ((await running.sessionIds()).length > 0 && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(await running.sessionIds(), []);
      } finally {
        await running.stop();
      }
      const made = calls(run.check());
      assert.ok(
        made.some((call) => / dynamodb:PutItem$/.test(call)),
        `the session record was written as a role: ${made.join(', ')}`,
      );
      assert.ok(
        made.some((call) => / dynamodb:DeleteItem$/.test(call)),
        `and removed as a role: ${made.join(', ')}`,
      );
    });
  }

  it('examples/workflows: greet (DynamoDB, Lambda and @connections Tasks) and shout (a function Task)', async () => {
    const run = recorder();
    const stack = await startLocalStack({
      templateFile: 'examples/workflows/template.yaml',
      bundleDir: freshBundleDir(),
      iam: 'on',
      log: run.log,
      iamDecisionsFile: run.decisionsFile,
    });
    try {
      const client = await connect(`${stack.outputs.APIEndpoint}?name=Ada`, WAIT_MS);
      client.socket.send(JSON.stringify({ action: 'greet' }));
      await client.nextJson('the StartExecution answer', WAIT_MS);
      assert.equal((await client.nextJson<{ count: number }>('the greeting', WAIT_MS)).count, 1);
      client.socket.send(JSON.stringify({ action: 'shout', data: { text: 'x' } }));
      assert.equal(
        (await client.nextJson<Record<string, unknown>>('the shout answer', WAIT_MS))['output'],
        '{"text":"X"}',
      );
      await client.close();
    } finally {
      await stack.stop();
    }
    const made = calls(run.check());
    for (const expected of [
      'GreetStateMachineRole dynamodb:GetItem',
      'GreetStateMachineRole lambda:InvokeFunction',
      'GreetStateMachineRole dynamodb:UpdateItem',
      'GreetStateMachineRole execute-api:ManageConnections',
    ]) {
      assert.ok(made.includes(expected), `${expected} in ${made.join(', ')}`);
    }
  });
});
