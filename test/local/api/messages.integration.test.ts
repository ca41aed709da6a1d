import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { connect, deferred, lambdaRoute, startGateway, withDeadline } from './harness.ts';

const echo = (event: Record<string, unknown>) => ({ statusCode: 500, body: `echo:${String(event['body'])}` });
const ID = '[A-Za-z0-9_=-]{16}';
const routeKeyOf = (event: Record<string, unknown>) => (event['requestContext'] as Record<string, unknown>)['routeKey'];

describe('api gateway: messages', () => {
  it('sends a two-way Lambda route body back (statusCode ignored) with a MESSAGE event', async () => {
    const events: Record<string, unknown>[] = [];
    const gateway = await startGateway({
      routes: [lambdaRoute('$default', 'echo-fn')],
      lambdas: {
        'echo-fn': (event) => {
          events.push(event);
          return echo(event);
        },
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send('hello');
      assert.equal(await client.nextFrame(), 'echo:hello');
      const context = events[0]?.['requestContext'] as Record<string, unknown>;
      assert.equal(context['eventType'], 'MESSAGE');
      assert.equal(context['connectionId'], gateway.service.connections()[0]);
      assert.match(String(context['messageId']), new RegExp(`^${ID}$`));
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('sends nothing for a route without a route response', async () => {
    const silentReturned = deferred();
    const gateway = await startGateway({
      routes: [lambdaRoute('silent', 'silent-fn', false), lambdaRoute('ping', 'ping-fn')],
      lambdas: {
        'silent-fn': () => {
          silentReturned.resolve();
          return { statusCode: 200, body: 'must not arrive' };
        },
        'ping-fn': async () => {
          await silentReturned.promise;
          await new Promise((resolve) => setImmediate(resolve)); // let the gateway finish the silent route first
          return { statusCode: 200, body: 'pong' };
        },
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send('{"action":"silent"}');
      client.ws.send('{"action":"ping"}');
      assert.equal(await client.nextFrame(), 'pong');
      client.ws.close();
      await client.closed;
      assert.deepEqual(client.received, ['pong']);
    } finally {
      await gateway.service.stop();
    }
  });

  it('routes non-JSON text, JSON arrays and unknown actions to $default', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('$default', 'default-fn'), lambdaRoute('chat', 'chat-fn')],
      lambdas: {
        'default-fn': (event) => ({ body: `default:${String(routeKeyOf(event))}:${String(event['body'])}` }),
        'chat-fn': () => ({ body: 'chat' }),
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      for (const message of ['not json', '[2,"id","Heartbeat",{}]', '{"action":"nope"}', '{"action":"$connect"}']) {
        client.ws.send(message);
        assert.equal(await client.nextFrame(), `default:$default:${message}`);
      }
      client.ws.send('{"action":"chat"}');
      assert.equal(await client.nextFrame(), 'chat');
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('answers an unroutable message with the exact Forbidden frame and stays open', async () => {
    const gateway = await startGateway({
      routes: [lambdaRoute('chat', 'chat-fn')],
      lambdas: { 'chat-fn': () => ({ body: 'chat' }) },
    });
    try {
      const client = await connect(gateway.wsUrl);
      const [connectionId] = gateway.service.connections();
      client.ws.send('{"action":"unknown"}');
      assert.match(
        await client.nextFrame(),
        new RegExp(`^\\{"message": "Forbidden", "connectionId":"${connectionId}", "requestId":"${ID}"\\}$`),
      );
      client.ws.send('{"action":"chat"}');
      assert.equal(await client.nextFrame(), 'chat');
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('turns a Lambda error or timeout into the exact Internal server error frame and stays open', async () => {
    const hang = deferred();
    const gateway = await startGateway({
      limits: { integrationTimeoutMs: 100 },
      routes: [lambdaRoute('$default', 'flaky-fn')],
      lambdas: {
        'flaky-fn': async (event) => {
          if (event['body'] === 'throw') throw new Error('kaboom');
          if (event['body'] === 'hang') await hang.promise;
          return { body: 'fine' };
        },
      },
    });
    try {
      const client = await connect(gateway.wsUrl);
      const [connectionId] = gateway.service.connections();
      const internalError = new RegExp(
        `^\\{"message": "Internal server error", "connectionId":"${connectionId}", "requestId":"${ID}"\\}$`,
      );
      client.ws.send('throw');
      assert.match(await client.nextFrame(), internalError);
      client.ws.send('hang');
      assert.match(await client.nextFrame(), internalError);
      hang.resolve();
      client.ws.send('again');
      assert.equal(await client.nextFrame(), 'fine');
      assert.ok(gateway.logs.some((line) => line.includes('Error: kaboom')));
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('renders the request template of an AWS route and returns the matched response body', async () => {
    const gateway = await startGateway({
      routes: [
        {
          routeKey: 'start',
          hasRouteResponse: true,
          integration: {
            type: 'AWS',
            target: { kind: 'aws-service', service: 'states', action: 'StartSyncExecution' },
            requestTemplates: {
              $default:
                '{"stateMachineArn":"arn:sm","input":"$util.escapeJavaScript($input.json(\'$.data\'))","name":"$context.requestId"}',
            },
            templateSelectionExpression: '\\$default',
            integrationResponses: [{ key: '/200/' }],
          },
        },
      ],
      respond: (call) =>
        call.body.includes('fail')
          ? { statusCode: 400, headers: {}, body: '{"__type":"InvalidExecutionInput"}' }
          : { statusCode: 200, headers: {}, body: '{"status":"SUCCEEDED"}' },
    });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send('{"action":"start","data":{"n":1}}');
      assert.equal(await client.nextFrame(), '{"status":"SUCCEEDED"}');
      const sent = JSON.parse(gateway.serviceCalls[0]?.body ?? '') as { input: string; name: string };
      assert.deepEqual(JSON.parse(sent.input), { n: 1 });
      assert.match(sent.name, new RegExp(`^${ID}$`));
      client.ws.send('{"action":"start","data":"fail"}');
      assert.match(await client.nextFrame(), /^\{"message": "Internal server error", /); // 400 matches no integration response
      client.ws.close();
      await client.closed;
    } finally {
      await gateway.service.stop();
    }
  });

  it('closes with 1003 on a binary frame', async () => {
    const gateway = await startGateway({ routes: [lambdaRoute('$default', 'echo-fn')], lambdas: { 'echo-fn': echo } });
    try {
      const client = await connect(gateway.wsUrl);
      client.ws.send(Buffer.from([1, 2, 3]));
      assert.equal((await withDeadline(client.closed, 'close')).code, 1003);
    } finally {
      await gateway.service.stop();
    }
  });

  it('closes with 1009 on a frame over 32 KB and on a fragmented message over 128 KB', async () => {
    const gateway = await startGateway({ routes: [lambdaRoute('$default', 'echo-fn')], lambdas: { 'echo-fn': echo } });
    try {
      const atLimit = await connect(gateway.wsUrl);
      atLimit.ws.send('x'.repeat(32768));
      assert.equal((await atLimit.nextFrame()).length, 'echo:'.length + 32768);
      atLimit.ws.close();
      await atLimit.closed;

      const bigFrame = await connect(gateway.wsUrl);
      bigFrame.ws.send('x'.repeat(32769));
      assert.equal((await withDeadline(bigFrame.closed, 'close')).code, 1009);

      const bigMessage = await connect(gateway.wsUrl);
      const fragment = 'y'.repeat(30000);
      for (let i = 0; i < 4; i++) bigMessage.ws.send(fragment, { fin: false });
      bigMessage.ws.send(fragment, { fin: true });
      assert.equal((await withDeadline(bigMessage.closed, 'close')).code, 1009);
      assert.deepEqual(bigMessage.received, []);
    } finally {
      await gateway.service.stop();
    }
  });
});
