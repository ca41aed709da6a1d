/**
 * IAM for what Lambda functions do, through the whole local stack on examples/ocpp's template: each function runs with
 * keys of its execution role (session: the function's name), so its AWS SDK calls to the local DynamoDB and to
 * `@connections` are its role's to allow; API Gateway invoking the `$connect` authorizer needs the authorizer's
 * AWS::Lambda::Permission. One statement (or permission) is removed or narrowed per stack, and each test shows AWS's
 * answer, that nothing was written or delivered, and the log line naming role, action, resource and a statement.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import { startLocalStack } from '../../../local/stack/index.ts';
import { connect, expectRefused } from '../../../smoke/client.ts';
import { LOCAL_STACK, roleCredentials } from '../../support/aws-credentials.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { invokeFunction } from '../../support/invoke-function.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';
import { openSessions } from '../../security/example-stacks.ts';
import { waitForLogLine } from '../../support/log-lines.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const TEMPLATE = 'examples/ocpp/template.yaml';
const WAIT_MS = 10_000;
const { accountId: ACCOUNT, region: REGION } = LOCAL_STACK;
const CHARGE_POINT = {
  headers: { Authorization: `Basic ${Buffer.from('CP001:demo-password-CP001').toString('base64')}` },
  protocols: ['ocpp1.6'],
};
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The inline policy statements of a SAM function (its `Policies` document). */
function functionStatements(template: CfnTemplate, functionId: string): CfnObject[] {
  const policies = ((template.Resources[functionId]?.Properties ?? {}) as CfnObject)['Policies'] as CfnObject[];
  return (policies[0] as CfnObject)['Statement'] as CfnObject[];
}

async function startVariant(edit: (template: CfnTemplate) => void) {
  const lines: string[] = [];
  const templateFile = writeTemplateVariant(TEMPLATE, edit);
  const stack = await startLocalStack({ templateFile, bundleDir: freshBundleDir(), log: (line) => lines.push(line) });
  const sessions = openSessions(stack.outputs);
  return {
    stack,
    lines,
    templateFile,
    sessions,
    stop: async () => {
      sessions.close();
      await stack.stop();
    },
  };
}

const lineMatching = (lines: string[], pattern: RegExp) => waitForLogLine(lines, pattern, WAIT_MS);

describe("IAM for a function's SDK call to DynamoDB: ConnectFunction without dynamodb:PutItem", () => {
  let run: Awaited<ReturnType<typeof startVariant>>;
  before(async () => {
    run = await startVariant((template) => {
      const statements = functionStatements(template, 'ConnectFunction');
      assert.deepEqual(
        statements.map((statement) => statement['Action']),
        [['dynamodb:PutItem']],
      );
      statements[0]!['Action'] = ['dynamodb:GetItem'];
    });
  });
  after(() => run.stop());

  it('refuses the handshake with 502 (the $connect function failed), stores no session, and logs what would allow it', async () => {
    const refused = await expectRefused(
      `${run.stack.outputs.Distribution}/ocpp/CP001`,
      WAIT_MS,
      'a $connect whose function may not PutItem',
      CHARGE_POINT,
    );
    assert.equal(refused.statusCode, 502);
    assert.deepEqual(await run.sessions.ids(), []);
    const table = `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${run.stack.outputs.Sessions}`;
    const role = `arn:aws:iam::${ACCOUNT}:role/local-ConnectFunctionRole`;
    assert.equal(
      await lineMatching(run.lines, /^iam: AccessDenied: role ConnectFunctionRole /),
      `iam: AccessDenied: role ConnectFunctionRole (${role}) may not dynamodb:PutItem on ${table}: no statement allows it. ` +
        `A statement that would allow it: {"Effect":"Allow","Action":"dynamodb:PutItem","Resource":"${table}"}`,
    );
  });

  it("the function's own keys get DynamoDB's AccessDeniedException (HTTP 400) naming its role session, and nothing is written", async () => {
    const functionName = `local-ConnectFunction`;
    const { credentials } = roleCredentials(run.templateFile, 'ConnectFunctionRole', functionName);
    const dynamodb = new DynamoDBClient({ endpoint: run.stack.outputs.DynamoDBEndpoint, region: REGION, credentials });
    try {
      const table = run.stack.outputs.Sessions!;
      await assert.rejects(
        dynamodb.send(new PutItemCommand({ TableName: table, Item: { connectionid: { S: 'forged=' } } })),
        (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
          assert.equal(error.name, 'AccessDeniedException');
          assert.equal(error.$metadata?.httpStatusCode, 400);
          assert.equal(
            error.message,
            `User: arn:aws:sts::${ACCOUNT}:assumed-role/local-ConnectFunctionRole/${functionName} is not authorized to perform: ` +
              `dynamodb:PutItem on resource: arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table} because no identity-based policy allows the dynamodb:PutItem action`,
          );
          return true;
        },
      );
      assert.deepEqual(await run.sessions.ids(), []);
    } finally {
      dynamodb.destroy();
    }
  });
});

describe("IAM for a function's SDK call to @connections: SendToIdentityFunction may DELETE, not POST", () => {
  let run: Awaited<ReturnType<typeof startVariant>>;
  before(async () => {
    run = await startVariant((template) => {
      const statement = functionStatements(template, 'SendToIdentityFunction').find((s) =>
        (s['Action'] as string[]).includes('execute-api:ManageConnections'),
      );
      assert.ok(statement, 'the function has a ManageConnections statement');
      statement['Resource'] = JSON.parse(
        JSON.stringify(statement['Resource']).replace('/POST/', '/DELETE/'),
      ) as CfnObject[];
    });
  });
  after(() => run.stop());

  it("the send fails with @connections' 403 AccessDeniedException, the charge point gets nothing, its session stays", async () => {
    const client = await connect(`${run.stack.outputs.Distribution}/ocpp/CP001`, WAIT_MS, CHARGE_POINT);
    try {
      const before = await run.sessions.ids();
      assert.equal(before.length, 1);
      const outcome = await invokeFunction(run.stack.outputs, run.stack.outputs['SendToIdentityFunction']!, {
        identity: 'CP001',
        data: [2, 'srv-1', 'Reset', { type: 'Soft' }],
      });
      assert.equal(outcome.kind, 'error');
      const { errorType, errorMessage } = outcome as { errorType: string; errorMessage: string };
      assert.equal(errorType, 'AccessDeniedException');
      const connections = new RegExp(
        `arn:aws:execute-api:${REGION}:${ACCOUNT}:[a-z0-9]{10}/${escaped(run.stack.outputs.APIEndpoint.split('/').pop()!)}/POST/@connections/\\{connectionId\\}`,
      );
      assert.match(
        errorMessage,
        new RegExp(
          `^User: arn:aws:sts::${ACCOUNT}:assumed-role/local-SendToIdentityFunctionRole/local-SendToIdentityFunction is not authorized to perform: ` +
            `execute-api:ManageConnections on resource: ${connections.source} because no identity-based policy allows the execute-api:ManageConnections action$`,
        ),
      );
      const line = await lineMatching(run.lines, /^iam: AccessDenied: role SendToIdentityFunctionRole /);
      assert.match(
        line,
        new RegExp(
          `may not execute-api:ManageConnections on ${connections.source}: no statement allows it\\. A statement that would allow it: ` +
            `\\{"Effect":"Allow","Action":"execute-api:ManageConnections","Resource":"${connections.source}"\\}$`,
        ),
      );
      // Nothing reached the charge point: the next message it gets is the CSMS's answer to this one.
      client.socket.send('{}');
      assert.deepEqual(await client.nextJson('the CSMS answer', WAIT_MS), [
        4,
        '-1',
        'FormationViolation',
        'an OCPP-J message is a JSON array starting with its type',
        {},
      ]);
      assert.deepEqual(await run.sessions.ids(), before);
    } finally {
      await client.close();
    }
  });

  it("through the SDK with the function's keys: POST and GET are 403 AccessDeniedException, DELETE is allowed", async () => {
    const client = await connect(`${run.stack.outputs.Distribution}/ocpp/CP001`, WAIT_MS, CHARGE_POINT);
    const { credentials } = roleCredentials(
      run.templateFile,
      'SendToIdentityFunctionRole',
      'local-SendToIdentityFunction',
    );
    const management = new ApiGatewayManagementApiClient({
      endpoint: run.stack.outputs.APIEndpoint.replace(/^ws/, 'http'),
      region: REGION,
      credentials,
    });
    try {
      const [id] = await run.sessions.ids();
      assert.ok(id);
      for (const command of [
        new PostToConnectionCommand({ ConnectionId: id, Data: 'x' }),
        new GetConnectionCommand({ ConnectionId: id }),
      ]) {
        await assert.rejects(
          management.send(command as PostToConnectionCommand),
          (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
            assert.equal(error.name, 'AccessDeniedException');
            assert.equal(error.$metadata?.httpStatusCode, 403);
            assert.match(
              error.message,
              /is not authorized to perform: execute-api:ManageConnections on resource: .*\/(POST|GET)\/@connections\/\{connectionId\}/,
            );
            return true;
          },
        );
      }
      client.socket.send('{}');
      assert.deepEqual(await client.nextJson('the CSMS answer', WAIT_MS), [
        4,
        '-1',
        'FormationViolation',
        'an OCPP-J message is a JSON array starting with its type',
        {},
      ]);
      await management.send(new DeleteConnectionCommand({ ConnectionId: id }));
      assert.equal((await client.closedWithin('the connection the function deleted', WAIT_MS)).code, 1000);
    } finally {
      management.destroy();
      await client.close();
    }
  });
});

describe('IAM for API Gateway invoking the $connect authorizer: ConnectAuthorizerPermission removed', () => {
  let run: Awaited<ReturnType<typeof startVariant>>;
  before(async () => {
    run = await startVariant((template) => {
      assert.ok(template.Resources['ConnectAuthorizerPermission']);
      delete template.Resources['ConnectAuthorizerPermission'];
    });
  });
  after(() => run.stop());

  it('refuses the handshake with 500, stores no session, and logs the permission that would allow it', async () => {
    const refused = await expectRefused(
      `${run.stack.outputs.Distribution}/ocpp/CP001`,
      WAIT_MS,
      'a $connect whose authorizer may not be invoked',
      CHARGE_POINT,
    );
    assert.equal(refused.statusCode, 500);
    assert.deepEqual(await run.sessions.ids(), []);
    const fn = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:local-ConnectAuthorizerFunction`;
    assert.match(
      await lineMatching(
        run.lines,
        /^iam: AccessDenied: principal apigateway\.amazonaws\.com .* lambda:InvokeFunction on .*ConnectAuthorizer/,
      ),
      new RegExp(
        `may not lambda:InvokeFunction on ${escaped(fn)}: no statement allows it\\. A statement that would allow it: ` +
          `\\{"Effect":"Allow","Principal":\\{"Service":"apigateway\\.amazonaws\\.com"\\},"Action":"lambda:InvokeFunction","Resource":"${escaped(fn)}",` +
          `"Condition":\\{"ArnLike":\\{"AWS:SourceArn":"arn:aws:execute-api:${REGION}:${ACCOUNT}:[a-z0-9]{10}/authorizers/[a-z0-9]+"\\}\\}\\}$`,
      ),
    );
  });
});
