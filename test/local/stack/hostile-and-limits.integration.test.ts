/**
 * The sample stack (template.yaml) end to end with input meant to break it: hostile header, query
 * and data values arrive byte for byte; non-JSON and array messages go to `$default`; binary and
 * oversized frames close with API Gateway's codes; the echoed event has the captured AWS shape;
 * `@connections` answers 410 once the client has gone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  ApiGatewayManagementApiClient,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';
import { asEdge, withKnownOriginSecret } from '../../support/edge-secret.ts';
import { connect } from '../../../smoke/client.ts';
import { parseStackOutputs } from '../../../smoke/outputs.ts';
import { openSessionsTable, type SessionsTable } from '../../../smoke/sessions.ts';
import { echoOnDefault } from '../../../smoke/steps/echo.ts';
import { readCapturedEvent, shapeOf } from '../events/captured.ts';
import { freshBundleDir } from '../../support/generated-stack.ts';
import { ROOT_RECORD_ATTRIBUTES } from '../../support/session-record-fields.ts';

const WAIT_MS = 10_000;
const HOSTILE = 'q"uo\\te\'}],"x":{"S":"y"}} $context.connectionId #set($a=1) ${AWS::Region} \u00e9\u{1F600}';

describe('local stack: hostile input and limits on the sample stack', () => {
  let stack: LocalStack;
  let sessions: SessionsTable;
  before(async () => {
    stack = await startLocalStack({
      waitTimeScale: 0.01,
      bundleDir: freshBundleDir(),
      log: () => {},
      ...withKnownOriginSecret(),
    });
    sessions = openSessionsTable(parseStackOutputs(stack.outputs, 'local stack'));
  });
  after(async () => {
    sessions.destroy();
    await stack.stop();
  });

  it('stores hostile header and query values byte for byte, and nothing else', async () => {
    const query = new URLSearchParams({ [HOSTILE]: HOSTILE, plain: 'v' }).toString();
    const client = await connect(
      `${stack.outputs.APIEndpoint}?${query}`,
      WAIT_MS,
      asEdge({ headers: { 'X-Hostile': HOSTILE.replace(/[^\x20-\x7e]/g, '?') } }),
    );
    try {
      const { requestContext } = await echoOnDefault(client, 'hi', WAIT_MS);
      const record = await sessions.waitUntilPresent(requestContext.connectionId, WAIT_MS);
      assert.deepEqual(record['querystring']?.M, { [HOSTILE]: { S: HOSTILE }, plain: { S: 'v' } });
      assert.equal(record['headers']?.M?.['X-Hostile']?.S, HOSTILE.replace(/[^\x20-\x7e]/g, '?'));
      assert.deepEqual(Object.keys(record).sort(), ROOT_RECORD_ATTRIBUTES);
    } finally {
      await client.close();
    }
  });

  it('passes hostile message bodies and workflow data through unchanged', async () => {
    const client = await connect(`${stack.outputs.Distribution}/${encodeURIComponent(HOSTILE)}`, WAIT_MS);
    try {
      await echoOnDefault(client, HOSTILE, WAIT_MS);
      client.socket.send(JSON.stringify({ action: 'sync_sfn', data: HOSTILE }));
      const result = await client.nextJson<{ status: string; output: string }>('the sync_sfn result', WAIT_MS);
      assert.equal(result.status, 'SUCCEEDED');
      assert.equal(JSON.parse(result.output), HOSTILE);
    } finally {
      await client.close();
    }
  });

  it('routes non-JSON, array and non-string-action messages to $default', async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    try {
      for (const message of ['not json', '[1,2,3]', '{"action": 5}', '{"action": "no_such_route"}', '']) {
        await echoOnDefault(client, message, WAIT_MS);
      }
    } finally {
      await client.close();
    }
  });

  it("echoes an event with exactly the shape of a captured AWS MESSAGE event, plus the stage's variables", async () => {
    const client = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    try {
      const echo = await echoOnDefault(client, '{"first_name" : "Jane", "last_name" : "Doe"}', WAIT_MS);
      // The capture's stage had no variables; the generated stage has `originSecrets`, which events carry (issue 19).
      assert.deepEqual(shapeOf(echo), {
        ...(shapeOf(readCapturedEvent('message-event')) as object),
        stageVariables: { originSecrets: 'string' },
      });
    } finally {
      await client.close();
    }
  });

  it('closes with 1003 on a binary frame and 1009 on an oversized frame or message, then deletes the record', async () => {
    const cases: Array<{ send: (socket: import('ws').WebSocket) => void; code: number }> = [
      { send: (socket) => socket.send(Buffer.from([1, 2, 3]), { binary: true }), code: 1003 },
      { send: (socket) => socket.send('x'.repeat(32 * 1024 + 1)), code: 1009 },
      {
        send: (socket) => {
          for (let i = 0; i < 5; i += 1) socket.send('y'.repeat(30 * 1024), { fin: i === 4 });
        },
        code: 1009,
      },
    ];
    for (const { send, code } of cases) {
      const client = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
      const { requestContext } = await echoOnDefault(client, 'before', WAIT_MS);
      send(client.socket);
      assert.equal((await client.closedWithin(`close ${code}`, WAIT_MS)).code, code);
      await sessions.waitUntilGone(requestContext.connectionId, WAIT_MS);
    }
    const survivor = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
    await echoOnDefault(survivor, 'still serving', WAIT_MS);
    await survivor.close();
  });

  it('answers 410 GoneException on @connections once the client has closed', async () => {
    const api = new ApiGatewayManagementApiClient({
      endpoint: stack.outputs.ConnectionsEndpoint,
      region: stack.outputs.Region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    try {
      const client = await connect(stack.outputs.APIEndpoint, WAIT_MS, asEdge());
      const {
        requestContext: { connectionId },
      } = await echoOnDefault(client, 'bye soon', WAIT_MS);
      await client.close();
      for (const command of [
        new GetConnectionCommand({ ConnectionId: connectionId }),
        new PostToConnectionCommand({ ConnectionId: connectionId, Data: 'late' }),
      ]) {
        await assert.rejects(
          api.send(command as GetConnectionCommand),
          (error: unknown) => error instanceof GoneException && error.$metadata.httpStatusCode === 410,
        );
      }
    } finally {
      api.destroy();
    }
  });
});
