/**
 * Templates written by others, end to end with real WebSocket clients: the fixture apps under
 * test/fixtures/templates (shaped like public SAM WebSocket templates), each copied to a temporary folder and run
 * as `npm start -- --template` runs it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { connect } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';
import { BOTO3_INSTALLED, PYTHON3_INSTALLED, skipWithoutBoto3, skipWithoutPython } from '../../support/python3.ts';

const FREE_PORTS = { api: 0, edge: 0, dynamodb: 0 };
const WAIT = 15_000;

async function start(name: string, lines: string[] = []): Promise<LocalStack> {
  return startLocalStack({ templateFile: copyFixtureApp(name), ports: FREE_PORTS, log: (line) => lines.push(line) });
}

describe('templates of others: a Node.js chat on the SDK the runtime provides', () => {
  let stack: LocalStack;
  const lines: string[] = [];
  before(async () => {
    stack = await start('node-chat', lines);
  });
  after(async () => {
    await stack?.stop();
  });

  it('connects, stores the connection, broadcasts through an @connections endpoint built from the event, and cleans up on close', async () => {
    const alice = await connect(`${stack.outputs.APIEndpoint}?name=alice`, WAIT);
    const bob = await connect(`${stack.outputs.APIEndpoint}?name=bob`, WAIT);
    alice.socket.send(JSON.stringify({ action: 'sendmessage', data: 'hello, chat' }));
    assert.equal(await alice.next("alice's own broadcast", WAIT), 'alice says: hello, chat');
    assert.equal(await bob.next('the broadcast to bob', WAIT), 'alice says: hello, chat');
    await bob.close();
    // $disconnect deleted bob; the next broadcast reaches alice alone.
    alice.socket.send(JSON.stringify({ action: 'sendmessage', data: 'anyone?' }));
    assert.equal(await alice.next('the second broadcast', WAIT), 'alice says: anyone?');
    await alice.close();
  });

  it('answers $default from a callback-style .cjs handler whose @connections client reads its endpoint from the environment', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT);
    client.socket.send('what can I do?');
    const answer = await client.nextJson<Record<string, string>>('the $default answer', WAIT);
    assert.equal(answer['functionName'], 'local-DefaultFunction');
    assert.equal(answer['runtime'], 'AWS_Lambda_nodejs18.x');
    assert.ok(Date.parse(answer['connectedAt']!) > Date.now() - 60_000, answer['connectedAt']);
    await client.close();
  });

  it("writes the template's outputs with local endpoints, the implicit role included, and warns about the deprecated runtime", () => {
    assert.equal(stack.outputs['WebSocketURI'], stack.outputs.APIEndpoint);
    assert.match(stack.outputs['ConnectionsTableName'] ?? '', /^local-ConnectionsTable-[A-Z0-9]{12}$/);
    assert.equal(stack.outputs['SendMessageRoleArn'], 'arn:aws:iam::123456789012:role/local-SendMessageFunctionRole');
    // The local stack's own outputs come on top of the template's.
    assert.match(stack.outputs.StepFunctionsEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(stack.outputs.LambdaEndpoint, stack.outputs.StepFunctionsEndpoint);
    assert.equal(stack.outputs.ConsoleURL, `${stack.outputs.StepFunctionsEndpoint}/_console/`);
    assert.ok(
      lines.includes(
        `stack: warning: DefaultFunction: runtime nodejs18.x is deprecated by AWS; it runs locally on Node.js ${process.versions.node}`,
      ),
      lines.join('\n'),
    );
  });
});

describe('templates of others: Python handlers with VTL service integrations and Globals', () => {
  let stack: LocalStack | undefined;
  before(async () => {
    if (PYTHON3_INSTALLED) stack = await start('python-app');
  });
  after(async () => {
    await stack?.stop();
  });

  it('stores the session through the VTL $connect, answers from Python with a layer, and reports a raised exception as API Gateway does', async (t) => {
    if (skipWithoutPython(t)) return;
    const client = await connect(`${stack!.outputs.APIEndpoint}?user=ann`, WAIT);
    client.socket.send(JSON.stringify({ action: 'echo', data: 'py' }));
    const echo = await client.nextJson<Record<string, unknown>>('the echo', WAIT);
    assert.deepEqual(
      [echo['echo'], echo['greeting'], echo['routeKey'], echo['functionName']],
      ['py', 'hello, py', 'echo', 'local-EchoFunction'],
    );
    client.socket.send(JSON.stringify({ action: 'echo', fail: 'on purpose' }));
    const error = await client.nextJson<Record<string, string>>('the error frame', WAIT);
    assert.equal(error['message'], 'Internal server error');
    const dynamodb = new DynamoDBClient({
      region: stack!.outputs.Region,
      endpoint: stack!.outputs.DynamoDBEndpoint,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const sessions = await dynamodb.send(
      new GetItemCommand({
        TableName: stack!.outputs['SessionsTableName'],
        Key: { connectionId: { S: error['connectionId']! } },
      }),
    );
    assert.equal(sessions.Item?.['user']?.S, 'ann');
    await client.close();
  });

  it("lets boto3 reach the local DynamoDB through AWS_ENDPOINT_URL_DYNAMODB (when the machine's python3 has boto3)", async (t) => {
    if (skipWithoutPython(t)) return;
    const client = await connect(`${stack!.outputs.APIEndpoint}?user=bo`, WAIT);
    client.socket.send(JSON.stringify({ action: 'store', data: 'a note' }));
    const stored = await client.nextJson<{ boto3: boolean; item?: Record<string, unknown> }>('the stored item', WAIT);
    await client.close();
    if (!BOTO3_INSTALLED) assert.deepEqual(stored, { boto3: false }, 'the handler says when it has no boto3');
    if (skipWithoutBoto3(t)) return;
    assert.deepEqual(
      { ...stored.item, connectionId: 'x' },
      { connectionId: 'x', user: 'bo', note: 'a note', visits: 3 },
    );
  });
});

describe('templates of others: SAM policy templates and Step Functions', () => {
  let stack: LocalStack;
  before(async () => {
    stack = await start('policy-templates');
  });
  after(async () => {
    await stack?.stop();
  });

  it('runs the DefinitionUri state machine with its substitutions, the DefinitionString one, and the esbuild TypeScript function', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT);
    client.socket.send(JSON.stringify({ action: 'greet', data: { name: 'Ada' } }));
    assert.equal(
      JSON.parse((await client.nextJson<{ output: string }>('the greeting', WAIT)).output).message,
      'Hi, Ada!',
    );
    client.socket.send(JSON.stringify({ action: 'shout', data: { text: 'hey' } }));
    assert.equal(JSON.parse((await client.nextJson<{ output: string }>('the shout', WAIT)).output).shout, 'hey !!!');
    client.socket.send(JSON.stringify({ action: 'count' }));
    assert.deepEqual(await client.nextJson('the first count', WAIT), { calls: 1, connection: true });
    client.socket.send(JSON.stringify({ action: 'count' }));
    assert.deepEqual(await client.nextJson('the second count', WAIT), { calls: 2, connection: true });
    await client.close();
    assert.equal(stack.outputs['GreetMachineRoleArn'], 'arn:aws:iam::123456789012:role/local-GreetMachineRole');
  });
});

describe('templates of others: resources the local stack does not emulate', () => {
  it('lists them once, runs the API, gives references stand-ins with warnings, and lists outputs with no local value', async () => {
    const lines: string[] = [];
    // A bundle folder relative to the working directory, as `npm start -- --template dir/template.yaml` passes it.
    const bundleDir = relative(process.cwd(), mkdtempSync(join(tmpdir(), 'relative-bundles-')));
    // At warn (--quiet): what is not emulated and every warning still show.
    const stack = await startLocalStack({
      templateFile: copyFixtureApp('not-emulated'),
      ports: FREE_PORTS,
      bundleDir,
      logLevel: 'warn',
      log: (line) => lines.push(line),
    });
    try {
      const notEmulated = lines.filter((line) => line.startsWith('stack: not emulated: '));
      assert.deepEqual(
        notEmulated,
        [
          'AWS::S3::Bucket (WebsiteBucket)',
          'AWS::S3::BucketPolicy (WebsiteBucketPolicy)',
          'AWS::CloudFront::CloudFrontOriginAccessIdentity (OriginIdentity)',
          'AWS::CloudFront::Distribution (WebsiteDistribution)',
          'AWS::Cognito::UserPool (UserPool)',
          'AWS::SNS::Topic (Notifications)',
        ].map((resources) => `stack: not emulated: ${resources}`),
      );
      assert.ok(
        lines.some((line) =>
          /^stack: warning: Resources\.DefaultFunction\.Properties\.Environment\.Variables\.BUCKET\.Ref: refers to WebsiteBucket \(AWS::S3::Bucket\), which is not emulated/.test(
            line,
          ),
        ),
        lines.join('\n'),
      );
      assert.deepEqual(
        stack.unresolvedOutputs.map((output) => output.name),
        ['WebsiteURL', 'UserPoolId'],
      );
      // The queue runs locally now (local/sqs): its Ref is the queue URL, named as CloudFormation names it.
      assert.match(
        stack.outputs['QueueUrl'] ?? '',
        /^https:\/\/sqs\.[a-z0-9-]+\.amazonaws\.com\/\d{12}\/local-Backlog-[A-Z0-9]{12}$/,
      );
      assert.equal(stack.outputs['WebSocketURL'], stack.outputs.APIEndpoint);
      assert.equal(stack.outputs.Distribution, undefined, 'a website distribution is no edge in front of the API');
      const client = await connect(stack.outputs.APIEndpoint, WAIT);
      client.socket.send('hello');
      assert.deepEqual(await client.nextJson("the inline function's answer", WAIT), {
        bucket: 'local-websitebucket-1icwudosx3ah',
        topic: 'local-notifications-45iuc0ltizq2',
        got: 'hello',
      });
      await client.close();
    } finally {
      await stack.stop();
    }
  });

  it('refuses to start when a route targets a service or a function it cannot run, naming each route', async () => {
    const templateFile = copyFixtureApp('not-emulated', (text) =>
      text
        .replace(
          '      Runtime: nodejs22.x\n      Handler: index.handler',
          '      Runtime: java21\n      Handler: example.Handler::handleRequest',
        )
        .replace(
          'Resources:\n',
          [
            'Resources:',
            '  QueueRoute:\n    Type: AWS::ApiGatewayV2::Route\n    Properties:\n      ApiId: !Ref Api\n      RouteKey: enqueue\n      Target: !Sub integrations/${QueueInteg}',
            '  QueueInteg:\n    Type: AWS::ApiGatewayV2::Integration\n    Properties:\n      ApiId: !Ref Api\n      IntegrationType: AWS\n      IntegrationMethod: POST',
            '      IntegrationUri: !Sub arn:aws:apigateway:${AWS::Region}:sqs:action/SendMessage',
            '',
          ].join('\n'),
        ),
    );
    await assert.rejects(startLocalStack({ templateFile, ports: FREE_PORTS, log: () => {} }), (error: Error) => {
      assert.equal(
        error.message,
        `${templateFile}: routes the local stack cannot run:\n` +
          '  route enqueue (QueueRoute): its integration QueueInteg calls sqs:SendMessage, which is not emulated (served: DynamoDB, Step Functions)\n' +
          '  route $default (DefaultRoute): its integration DefaultInteg cannot run locally: function DefaultFunction: its runtime java21 is not run locally (Node.js and Python runtimes are)',
      );
      return true;
    });
  });
});
