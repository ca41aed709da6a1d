/**
 * `$connect` with AuthorizationType AWS_IAM through the whole local stack (the authorizer
 * fixture switched to AWS_IAM): the local stack cannot verify SigV4, so it admits exactly the
 * upgrades that carry a syntactically complete signature and answers 403 to the rest.
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
const STACK_NAME = 'iam';
const WAIT_MS = 10_000;
const SIGNATURE = 'a'.repeat(64);
const CREDENTIAL = 'AKIDEXAMPLE/20261125/us-east-1/execute-api/aws4_request';

describe('local stack: $connect with AWS_IAM authorization', () => {
  let stack: LocalStack;
  let dynamo: DynamoDBClient;
  before(async () => {
    stack = await startLocalStack({
      templateFile: TEMPLATE,
      stackName: STACK_NAME,
      bundleDir: freshBundleDir(),
      log: () => {},
      parameterOverrides: { ConnectAuthorizationType: 'AWS_IAM' },
    });
    dynamo = developerDynamoDb(stack);
  });
  after(async () => {
    dynamo.destroy();
    await stack.stop();
  });

  it('answers 403 to unsigned and incompletely signed upgrades', async () => {
    const attempts: Array<{ headers?: Record<string, string>; query?: string }> = [
      {},
      { headers: { Authorization: 'Bearer token' } },
      { headers: { Authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host` } },
      { query: `X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(CREDENTIAL)}` },
    ];
    for (const attempt of attempts) {
      const url = `${stack.outputs.APIEndpoint}${attempt.query ? `?${attempt.query}` : ''}`;
      const result = await expectRefused(
        url,
        WAIT_MS,
        `an upgrade without a complete signature ${JSON.stringify(attempt)}`,
        attempt.headers ? { headers: attempt.headers } : {},
      );
      assert.deepEqual(
        { status: result.statusCode, body: result.body },
        { status: 403, body: '{"message":"Forbidden"}' },
        JSON.stringify(attempt),
      );
    }
    assert.equal((await dynamo.send(new ScanCommand({ TableName: stack.outputs.Sessions, Select: 'COUNT' }))).Count, 0);
  });

  it('accepts a SigV4-signed header or presigned URL, with no authorizer context', async () => {
    const signedHeader = {
      Authorization: `AWS4-HMAC-SHA256 Credential=${CREDENTIAL}, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`,
      'X-Amz-Date': '20261125T120000Z',
    };
    const presigned = `?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${encodeURIComponent(CREDENTIAL)}&X-Amz-Date=20261125T120000Z&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIGNATURE}`;
    for (const [url, headers] of [
      [stack.outputs.APIEndpoint, signedHeader],
      [`${stack.outputs.APIEndpoint}${presigned}`, {}],
    ] as const) {
      const opened = await tryConnect(url, WAIT_MS, { headers });
      assert.equal(opened.kind, 'open', JSON.stringify(opened));
      if (opened.kind !== 'open') return;
      try {
        const echo = await echoOnDefault(opened.client, 'signed', WAIT_MS);
        assert.equal(echo.requestContext['authorizer'], undefined);
        const session = await dynamo.send(
          new GetItemCommand({
            TableName: stack.outputs.Sessions,
            Key: { connectionid: { S: echo.requestContext.connectionId } },
          }),
        );
        assert.equal(session.Item?.['principalId']?.S, '');
      } finally {
        await opened.client.close();
      }
    }
    assert.equal(
      (await dynamo.send(new ScanCommand({ TableName: `${STACK_NAME}-AuthorizerCalls`, Select: 'COUNT' }))).Count,
      0,
    );
  });
});
