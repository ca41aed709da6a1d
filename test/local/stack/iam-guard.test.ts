/** The stack's IAM guard on integration calls: credentials, trust, mapping, and a start refused for a malformed policy. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import type { CfnObject, CfnTemplate } from '../../../cfn/types.ts';
import { IamTemplateError } from '../../../local/iam/index.ts';
import { createStackIamGuard } from '../../../local/stack/iam-guard.ts';
import { loadLocalTemplate } from '../../../local/template/index.ts';
import { writeTemplateVariant } from '../../support/template-variant.ts';

const TEMPLATE = new URL('../../../template.yaml', import.meta.url).pathname;
const STACK = { stackName: 'local', region: 'us-east-1', accountId: '123456789012' };
const ROLE = (name: string) => `arn:aws:iam::${STACK.accountId}:role/local-${name}`;
const PUT = JSON.stringify({ TableName: 'local-Sessions', Item: { connectionid: { S: 'a' } } });

async function guardFor(edit: (template: CfnTemplate) => void = () => {}) {
  const template = loadLocalTemplate(readFileSync(writeTemplateVariant(TEMPLATE, edit), 'utf8'), STACK);
  const lines: string[] = [];
  const guard = await createStackIamGuard(template, {
    ...STACK,
    apiId: 'abc123defg',
    stage: 'api',
    log: (line) => lines.push(line),
  });
  return { guard, lines };
}

describe('stack IAM guard: API Gateway service integrations', () => {
  it("lets the generated role through, and answers DynamoDB's AccessDeniedException for another action", async () => {
    const { guard } = await guardFor();
    assert.equal(await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'PutItem', PUT), undefined);
    const denied = await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'DeleteItem', PUT);
    assert.equal(denied?.statusCode, 400);
    assert.equal(denied?.headers['x-amzn-ErrorType'], 'AccessDeniedException');
    assert.deepEqual(JSON.parse(denied?.body ?? ''), {
      __type: 'com.amazon.coral.service#AccessDeniedException',
      Message:
        `User: arn:aws:sts::${STACK.accountId}:assumed-role/local-ConnectIntegrationRole/apigateway is not authorized to perform: ` +
        `dynamodb:DeleteItem on resource: arn:aws:dynamodb:us-east-1:${STACK.accountId}:table/local-Sessions because no identity-based policy allows the dynamodb:DeleteItem action`,
    });
  });

  it('fails the integration without CredentialsArn, or with a role API Gateway may not assume', async () => {
    const { guard } = await guardFor();
    await assert.rejects(
      guard.serviceCall(undefined, 'dynamodb', 'PutItem', PUT),
      /the integration has no CredentialsArn, so API Gateway has no role to call dynamodb with/,
    );
    await assert.rejects(
      guard.serviceCall(ROLE('SyncSfnStateMachineRole'), 'states', 'StartSyncExecution', '{}'),
      /API Gateway cannot assume .*SyncSfnStateMachineRole/,
    );
  });

  it('lets a body it cannot map reach the service (which answers it), naming the reason once', async () => {
    const { guard, lines } = await guardFor();
    for (const body of ['not json', '{"Item":{}}', 'not json']) {
      assert.equal(await guard.serviceCall(ROLE('ConnectIntegrationRole'), 'dynamodb', 'PutItem', body), undefined);
    }
    assert.deepEqual(lines, ['not evaluated: PutItem without a TableName']);
    assert.equal(
      await guard.serviceCall(undefined, 'sqs', 'SendMessage', '{}'),
      undefined,
      'services the stack does not run answer UnknownOperation themselves',
    );
  });

  it('refuses to start on a policy IAM would refuse, naming the role, policy and statement', async () => {
    await assert.rejects(
      guardFor((template) => {
        const policies = (template.Resources['ConnectIntegrationRole']!.Properties as CfnObject)[
          'Policies'
        ] as CfnObject[];
        ((policies[0]!['PolicyDocument'] as CfnObject)['Statement'] as CfnObject[])[0]!['Effect'] = 'Permit';
      }),
      (error: unknown) => {
        assert.ok(error instanceof IamTemplateError);
        assert.match(
          error.message,
          /role ConnectIntegrationRole: ConnectIntegrationRole\/SessionsPutItem: Statement\[0\]\.Effect: /,
        );
        assert.match(error.message, /start with --iam off/);
        return true;
      },
    );
  });
});

describe('stack IAM guard: what it cannot evaluate is named at start', () => {
  it('warns, by resource and name, about an unknown managed policy, a SAM template it does not expand and a boundary', async () => {
    const { lines } = await guardFor((template) => {
      const properties = template.Resources['DefaultFunction']?.Properties as CfnObject;
      properties['Policies'] = ['arn:aws:iam::aws:policy/AmazonS3FullAccess', { RekognitionDetectOnlyPolicy: {} }];
      properties['PermissionsBoundary'] = 'arn:aws:iam::123456789012:policy/boundary';
    });
    const warnings = lines.filter((line) => line.startsWith('not evaluated: '));
    assert.ok(
      warnings.some((line) =>
        /managed policy arn:aws:iam::aws:policy\/AmazonS3FullAccess is not known locally; its permissions are missing/.test(
          line,
        ),
      ),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((line) =>
        /Resources\.DefaultFunction\.Properties\.Policies\[1\]: SAM policy template RekognitionDetectOnlyPolicy is not expanded locally/.test(
          line,
        ),
      ),
      warnings.join('\n'),
    );
    assert.ok(
      warnings.some((line) =>
        /Resources\.DefaultFunction\.Properties\.PermissionsBoundary: not evaluated locally/.test(line),
      ),
      warnings.join('\n'),
    );
  });
});

describe('stack IAM guard: requests signed by a function (its DynamoDB and @connections calls)', () => {
  const signed = (accessKeyId: string) =>
    `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'0'.repeat(64)}`;

  it("a role session's key: its role decides, and AWS's message names the session; other keys and unsigned requests go ahead", async () => {
    const { guard } = await guardFor();
    const keys = guard.credentials.credentialsFor(ROLE('DefaultFunctionRole'), 'local-DefaultFunction');
    assert.ok(keys);
    const denied = await guard.dynamodbCall(signed(keys.accessKeyId), 'PutItem', PUT);
    assert.equal(denied?.statusCode, 400);
    assert.match(
      JSON.parse(denied?.body ?? '{}').Message,
      /^User: arn:aws:sts::123456789012:assumed-role\/local-DefaultFunctionRole\/local-DefaultFunction is not authorized to perform: dynamodb:PutItem on resource: /,
    );
    const post = await guard.connectionsCall(signed(keys.accessKeyId), 'POST');
    assert.equal(post?.statusCode, 403);
    assert.equal(post?.headers['x-amzn-ErrorType'], 'AccessDeniedException');
    assert.match(
      JSON.parse(post?.body ?? '{}').Message,
      /execute-api:ManageConnections on resource: arn:aws:execute-api:us-east-1:123456789012:abc123defg\/api\/POST\/@connections\/\{connectionId\}/,
    );
    for (const other of [
      signed('AKIALOCALDEVELOPER01'),
      undefined,
      'Bearer x',
      `${signed(keys.accessKeyId)}`.replace('Credential=', 'Credential= '),
    ]) {
      assert.equal(await guard.dynamodbCall(other, 'PutItem', PUT), undefined, String(other));
      assert.equal(await guard.connectionsCall(other, 'POST'), undefined, String(other));
    }
    // A method @connections does not have is not an IAM question (the API answers it).
    assert.equal(await guard.connectionsCall(signed(keys.accessKeyId), 'PATCH'), undefined);
  });
});
