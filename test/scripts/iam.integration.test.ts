/**
 * `npm run iam` after a real local run of examples/ocpp: the stack records each IAM decision in its decisions file,
 * and the view reads it back, showing each statement a call used and the ones no call needed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execa } from 'execa';
import { startLocalStack, type LocalStack } from '../../local/stack/index.ts';
import { connect } from '../../smoke/client.ts';
import { freshBundleDir } from '../support/generated-stack.ts';
import { invokeFunction } from '../support/invoke-function.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const TEMPLATE = 'examples/ocpp/template.yaml';
const WAIT_MS = 10_000;
const CHARGE_POINT = {
  headers: { Authorization: `Basic ${Buffer.from('CP001:demo-password-CP001').toString('base64')}` },
  protocols: ['ocpp1.6'],
};

describe('npm run iam after a local run', () => {
  const decisionsFile = join(mkdtempSync(join(tmpdir(), 'iam-run-')), 'logs', 'iam-decisions.jsonl');
  let stack: LocalStack | undefined;
  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      bundleDir: freshBundleDir(),
      log: () => {},
      iamDecisionsFile: decisionsFile,
    });
    const client = await connect(`${stack.outputs.Distribution}/ocpp/CP001`, WAIT_MS, CHARGE_POINT);
    const outcome = await invokeFunction(stack.outputs, stack.outputs['SendToIdentityFunction']!, {
      identity: 'CP001',
      data: 'hello',
    });
    assert.deepEqual(outcome, { kind: 'result', result: { identity: 'CP001', delivered: 1, removedStale: 0 } });
    assert.equal(await client.next('the message the backend sent', WAIT_MS), 'hello');
    await client.close();
    await stack.stop();
    stack = undefined;
  });
  after(() => stack?.stop());

  it("the stack wrote one JSON record per decision, the run's calls among them", () => {
    const records = readFileSync(decisionsFile, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const calls = records.map(
      (r) => `${String(r['role'] ?? r['principal'])} ${String(r['action'])} ${String(r['allowed'])}`,
    );
    for (const expected of [
      'ConnectFunctionRole dynamodb:PutItem true',
      'SendToIdentityFunctionRole dynamodb:Query true',
      'SendToIdentityFunctionRole execute-api:ManageConnections true',
      'DisconnectIntegrationRole dynamodb:DeleteItem true',
      'apigateway.amazonaws.com lambda:InvokeFunction true',
    ]) {
      assert.ok(calls.includes(expected), `${expected} in:\n${calls.join('\n')}`);
    }
  });

  it('prints per role the statements the run used and the ones it did not', async () => {
    const run = await execa(
      process.execPath,
      ['--import', 'tsx', 'scripts/iam.ts', '--template', TEMPLATE, '--log', decisionsFile],
      { reject: false },
    );
    assert.equal(run.exitCode, 0, run.stderr);
    const role = (id: string) => {
      const start = run.stdout.indexOf(`role ${id} (`);
      assert.notEqual(start, -1, `${id} in:\n${run.stdout}`);
      const next = run.stdout.slice(start + 1).search(/^(role |function resource policies)/m);
      return run.stdout.slice(start, next === -1 ? undefined : start + 1 + next);
    };
    assert.match(
      role('ConnectFunctionRole'),
      /ConnectFunctionRolePolicy0 Statement\[0\]: Allow dynamodb:PutItem on \S+\n {4}used:\n {6}dynamodb:PutItem on arn:aws:dynamodb:us-east-1:123456789012:table\/local-Sessions\n/,
    );
    assert.match(role('ConnectFunctionRole'), /AWSLambdaBasicExecutionRole Statement\[0\]: .*\n {4}not used locally/);
    const send = role('SendToIdentityFunctionRole');
    assert.match(send, /Statement\[0\]: Allow dynamodb:Query on \S+\/index\/ByChargePoint\n {4}used:/);
    // No stale record to remove in this run: its DeleteItem grant shows up as unused.
    assert.match(send, /Statement\[1\]: Allow dynamodb:DeleteItem on \S+\n {4}UNUSED in this run\n/);
    assert.match(
      send,
      /Statement\[2\]: Allow execute-api:ManageConnections on \S+\/POST\/@connections\/\{connectionId\}\n {4}used:\n {6}execute-api:ManageConnections on arn:aws:execute-api:us-east-1:123456789012:[a-z0-9]{10}\/ocpp\/POST\/@connections\/\{connectionId\}\n/,
    );
    assert.match(role('DisconnectIntegrationRole'), /used:\n {6}dynamodb:DeleteItem on /);
    assert.match(
      run.stdout,
      /function resource policies \(AWS::Lambda::Permission\)\n(?: {2}\S+\n(?: {4}.*\n)+)*? {2}arn:aws:lambda:us-east-1:123456789012:function:local-ConnectAuthorizerFunction\n {4}allowed: apigateway\.amazonaws\.com lambda:InvokeFunction\n/,
    );
    assert.match(run.stdout, /\d+ decision\(s\) in \S+iam-decisions\.jsonl: \d+ statement\(s\) used, 1 UNUSED/);
    assert.doesNotMatch(run.stdout, /DENIED/);
  });
});
