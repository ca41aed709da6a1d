/**
 * IAM enforced through the whole local stack: the shipped template with one statement of a generated
 * role narrowed (or a Lambda permission removed) fails exactly where AWS would, in AWS's shape, logs the
 * role, action, resource and a statement that would allow it, and writes nothing. `iam: 'off'` runs it anyway.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import { startLocalStack } from '../../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../../support/edge-secret.ts';
import { connect, expectRefused } from '../../../smoke/client.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';
import { developerDynamoDb } from '../../support/aws-credentials.ts';
import { waitForLogLine } from '../../support/log-lines.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const WAIT_MS = 10_000;
const ACCOUNT = '123456789012';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/local-Sessions`;

/** Statement[index] of the first inline policy of a role in the template. */
function statementOf(template: CfnTemplate, role: string, index = 0): CfnObject {
  const policies = (template.Resources[role]!.Properties as CfnObject)['Policies'] as CfnObject[];
  return ((policies[0]!['PolicyDocument'] as CfnObject)['Statement'] as CfnObject[])[index] as CfnObject;
}

async function startWith(edit: (template: CfnTemplate) => void, iam: 'on' | 'off' = 'on') {
  const lines: string[] = [];
  const stack = await startLocalStack({
    templateFile: writeTemplateVariant(TEMPLATE, edit),
    bundleDir: freshBundleDir(),
    waitTimeScale: 0.01,
    iam,
    log: (line) => lines.push(line),
    ...withKnownOriginSecret(),
  });
  const dynamo = developerDynamoDb(stack);
  const records = async () => (await dynamo.send(new ScanCommand({ TableName: stack.outputs.Sessions }))).Items ?? [];
  const stop = async () => {
    dynamo.destroy();
    await stack.stop();
  };
  return { stack, lines, records, stop };
}

const lineMatching = (lines: string[], pattern: RegExp) => waitForLogLine(lines, pattern, WAIT_MS);

const putOnlyGet = (template: CfnTemplate) => {
  statementOf(template, 'ConnectIntegrationRole')['Action'] = ['dynamodb:GetItem'];
};

describe('IAM enforced: $connect without dynamodb:PutItem', () => {
  let run: Awaited<ReturnType<typeof startWith>>;
  before(async () => {
    run = await startWith(putOnlyGet);
  });
  after(() => run.stop());

  it('refuses the handshake with 500, stores nothing, and logs what would allow it', async () => {
    const refused = await expectRefused(
      `${run.stack.outputs.Distribution}/cp/1`,
      WAIT_MS,
      'a $connect whose role may not PutItem',
    );
    assert.equal(refused.statusCode, 500);
    assert.deepEqual(await run.records(), []);
    assert.equal(
      await lineMatching(run.lines, /^iam: AccessDenied: role ConnectIntegrationRole/),
      `iam: AccessDenied: role ConnectIntegrationRole (arn:aws:iam::${ACCOUNT}:role/local-ConnectIntegrationRole) may not dynamodb:PutItem on ${TABLE}: ` +
        `no statement allows it. A statement that would allow it: {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"${TABLE}"}`,
    );
  });
});

describe('IAM off: the same template runs', () => {
  it('accepts the connection and writes the record', async () => {
    const run = await startWith(putOnlyGet, 'off');
    try {
      const client = await connect(`${run.stack.outputs.Distribution}/cp/1`, WAIT_MS);
      assert.equal((await run.records()).length, 1);
      await client.close();
      assert.equal(
        run.lines.some((line) => line.startsWith('iam:')),
        false,
      );
    } finally {
      await run.stop();
    }
  });
});

describe('IAM enforced: routes whose roles or permissions were narrowed', () => {
  let run: Awaited<ReturnType<typeof startWith>>;
  before(async () => {
    run = await startWith((template) => {
      statementOf(template, 'SyncSfnIntegrationRole')['Resource'] = [{ Ref: 'AsyncSfnStateMachine' }];
      const notify = statementOf(template, 'AsyncSfnStateMachineRole');
      notify['Resource'] = JSON.parse(JSON.stringify(notify['Resource']).replace('/POST/', '/DELETE/')) as CfnObject[];
      statementOf(template, 'DisconnectIntegrationRole')['Action'] = ['dynamodb:GetItem'];
      delete template.Resources['DefaultFunctionPermission'];
    });
  });
  after(() => run.stop());

  it("sync_sfn: the client gets Step Functions' AccessDeniedException, and no execution runs", async () => {
    const client = await connect(run.stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    try {
      client.socket.send(JSON.stringify({ action: 'sync_sfn', data: 'x' }));
      const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:local-SyncSfnStateMachine`;
      assert.deepEqual(await client.nextJson('the StartSyncExecution answer', WAIT_MS), {
        __type: 'com.amazon.coral.service#AccessDeniedException',
        message:
          `User: arn:aws:sts::${ACCOUNT}:assumed-role/local-SyncSfnIntegrationRole/apigateway is not authorized to perform: ` +
          `states:StartSyncExecution on resource: ${machine} because no identity-based policy allows the states:StartSyncExecution action`,
      });
    } finally {
      await client.close();
    }
  });

  it('async_sfn: the Task may not POST to @connections, so the workflow never messages the client', async () => {
    const client = await connect(run.stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    try {
      client.socket.send(JSON.stringify({ action: 'async_sfn', data: 'x' }));
      assert.match(
        JSON.stringify(await client.nextJson('the StartExecution answer', WAIT_MS)),
        /"executionArn":"arn:aws:states:us-east-1:\d{12}:execution:local-AsyncSfnStateMachine:/,
      );
      const line = await lineMatching(run.lines, /^iam: AccessDenied: role AsyncSfnStateMachineRole/);
      assert.match(
        line,
        new RegExp(
          `may not execute-api:ManageConnections on arn:aws:execute-api:us-east-1:${ACCOUNT}:[a-z0-9]{10}/api/POST/@connections/\\{connectionId\\}: ` +
            'no statement allows it\\. A statement that would allow it: \\{"Effect":"Allow","Action":"execute-api:ManageConnections","Resource":"arn:aws:execute-api:[^"]+/api/POST/@connections/\\{connectionId\\}"\\}$',
        ),
      );
      // The denial came before any @connections call, and a 403 is not retried: the next message the client gets
      // is the answer to this one ($default has no permission in this stack), not the workflow's callback.
      client.socket.send('after');
      assert.match(
        await client.next('the $default reply after the denial', WAIT_MS),
        /^\{"message": "Internal server error"/,
      );
    } finally {
      await client.close();
    }
  });

  it('$default without a Lambda permission: Internal server error, and the log suggests the permission', async () => {
    const client = await connect(run.stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    try {
      client.socket.send('hello');
      assert.match(
        await client.next('the $default answer', WAIT_MS),
        /^\{"message": "Internal server error", "connectionId":"[A-Za-z0-9_=-]+", "requestId":"[A-Za-z0-9_=-]+"\}$/,
      );
      const fn = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:local-DefaultFunction`;
      assert.match(
        await lineMatching(run.lines, /^iam: AccessDenied: principal apigateway\.amazonaws\.com/),
        new RegExp(
          `may not lambda:InvokeFunction on ${fn}: no statement allows it\\. A statement that would allow it: ` +
            `\\{"Effect":"Allow","Principal":\\{"Service":"apigateway\\.amazonaws\\.com"\\},"Action":"lambda:InvokeFunction","Resource":"${fn}",` +
            `"Condition":\\{"ArnLike":\\{"AWS:SourceArn":"arn:aws:execute-api:us-east-1:${ACCOUNT}:[a-z0-9]{10}/api/\\$default"\\}\\}\\}$`,
        ),
      );
    } finally {
      await client.close();
    }
  });

  it('$disconnect without dynamodb:DeleteItem leaves the session record, as on AWS (until its TTL)', async () => {
    const client = await connect(run.stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    const before = (await run.records()).length;
    await client.close();
    await lineMatching(
      run.lines,
      /^iam: AccessDenied: role DisconnectIntegrationRole .* may not dynamodb:DeleteItem on /,
    );
    assert.equal((await run.records()).length, before);
  });
});
