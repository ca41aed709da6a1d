/**
 * `$connect` with a Lambda REQUEST authorizer through the whole local stack (fixture
 * test/fixtures/authorizers): the authorizer's answer decides the handshake status, refused
 * handshakes never reach the `$connect` integration, and an accepted connection carries the
 * authorizer's output into the session record (VTL), the `$default` echo and a handler that
 * answers through @connections using only AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { expectRefused, tryConnect } from '../../../smoke/client.ts';
import { echoOnDefault } from '../../../smoke/steps/echo.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { developerDynamoDb } from '../../support/aws-credentials.ts';

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
const TEMPLATE = new URL('../../fixtures/authorizers/template.yaml', import.meta.url).pathname;
const STACK_NAME = 'authz';
/** The fixture's table of authorizer invocations (not a stack output: outputs are the contract in docs/architecture.md#stack-outputs). */
const CALLS_TABLE = `${STACK_NAME}-AuthorizerCalls`;
const WAIT_MS = 10_000;
const UNAUTHORIZED = '{"message":"Unauthorized"}';
const FORBIDDEN = '{"message":"Forbidden"}';
const INTERNAL_ERROR = '{"message":"Internal server error"}';

describe('local stack: $connect with a Lambda REQUEST authorizer', () => {
  let stack: LocalStack;
  let dynamo: DynamoDBClient;
  const count = async (table: string) =>
    (await dynamo.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count;
  const calls = () => count(CALLS_TABLE);
  const refusal = async (headers: Record<string, string>) => {
    const result = await expectRefused(
      stack.outputs.APIEndpoint,
      WAIT_MS,
      `the handshake with ${JSON.stringify(headers)}`,
      { headers },
    );
    return { status: result.statusCode, body: result.body };
  };

  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      stackName: STACK_NAME,
      bundleDir: freshBundleDir(),
      log: () => {},
    });
    dynamo = developerDynamoDb(stack);
  });
  after(async () => {
    dynamo.destroy();
    await stack.stop();
  });

  it('answers 401 without calling the authorizer when the identity header is missing or empty', async () => {
    assert.deepEqual(await refusal({}), { status: 401, body: UNAUTHORIZED });
    assert.deepEqual(await refusal({ 'WS-Authorization': '' }), { status: 401, body: UNAUTHORIZED });
    assert.equal(await calls(), 0);
  });

  it('maps the authorizer answers to 401, 403 and 500, and never runs the $connect integration', async () => {
    const cases: Array<[token: string, status: number, body: string]> = [
      ['unauthorized', 401, UNAUTHORIZED],
      ['deny', 403, FORBIDDEN],
      ['allow-other-resource', 403, FORBIDDEN],
      ['crash', 500, INTERNAL_ERROR],
      ['no-principal', 500, INTERNAL_ERROR],
      ['object-context', 500, INTERNAL_ERROR],
    ];
    for (const [token, status, body] of cases) {
      assert.deepEqual(await refusal({ 'ws-authorization': token }), { status, body }, `token ${token}`);
    }
    assert.equal(await calls(), cases.length);
    assert.equal(await count(stack.outputs.Sessions!), 0, 'a refused handshake wrote a session record');
  });

  it('accepts an allowed client and carries principal and stringified context to every later event', async () => {
    const opened = await tryConnect(stack.outputs.APIEndpoint, WAIT_MS, { headers: { 'Ws-Authorization': 'allow' } });
    assert.equal(opened.kind, 'open', JSON.stringify(opened));
    if (opened.kind !== 'open') return;
    const client = opened.client;
    try {
      const echo = await echoOnDefault(client, 'who am I', WAIT_MS);
      const { integrationLatency, ...authorizer } = echo.requestContext['authorizer'] as Record<string, unknown>;
      assert.deepEqual(authorizer, { principalId: 'user-42', tier: 'gold', level: '1', admin: 'true' });
      assert.equal(typeof integrationLatency, 'number');

      const session = await dynamo.send(
        new GetItemCommand({
          TableName: stack.outputs.Sessions,
          Key: { connectionid: { S: echo.requestContext.connectionId } },
        }),
      );
      assert.deepEqual(
        {
          principalId: session.Item?.['principalId']?.S,
          tier: session.Item?.['tier']?.S,
          level: session.Item?.['level']?.S,
        },
        { principalId: 'user-42', tier: 'gold', level: '1' },
      );

      client.socket.send(JSON.stringify({ action: 'notify' }));
      const notified = await client.nextJson<{ via: string; authorizer: Record<string, unknown> }>(
        'the notify reply through @connections',
        WAIT_MS,
      );
      assert.equal(notified.via, '@connections');
      assert.deepEqual({ ...notified.authorizer, integrationLatency: 0 }, { ...authorizer, integrationLatency: 0 });

      const recorded = await dynamo.send(new ScanCommand({ TableName: CALLS_TABLE }));
      const event = recorded.Items?.map((item) => JSON.parse(item['event']?.S ?? '{}')).find(
        (e) => e.requestContext.connectionId === echo.requestContext.connectionId,
      );
      assert.equal(event?.type, 'REQUEST');
      assert.equal(
        event?.methodArn,
        `arn:aws:execute-api:${stack.outputs.Region}:123456789012:${String(echo.requestContext['apiId'])}/api/$connect`,
      );
      assert.deepEqual(
        [event?.queryStringParameters, event?.stageVariables, event?.headers['Ws-Authorization']],
        [{}, {}, 'allow'],
      );
      assert.equal(event?.requestContext.eventType, 'CONNECT');
    } finally {
      await client.close();
    }
  });
});
