/** Message routes: `$default` through the Lambda, `sync_sfn` (Express, synchronous), `async_sfn` (Standard + callback). */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { connect } from '../client.ts';
import type { SmokeContext } from '../context.ts';
import { testTimeoutMs } from '../settings.ts';
import { echoOnDefault } from './echo.ts';
import { edgeUrl } from '../outputs.ts';

const ARN_PREFIX = 'arn:aws[a-z-]*:states:';

export function routeSteps(context: SmokeContext): void {
  const { settings } = context;
  const timeout = testTimeoutMs(settings);
  const open = () => connect(edgeUrl(context.outputs()), settings.stepTimeoutMs);

  it('$default: a message is answered with the event, payload included', { timeout }, async () => {
    const client = await open();
    try {
      const payload = JSON.stringify({ greeting: 'hello there', run: context.uniqueId() });
      const echo = await echoOnDefault(client, payload, settings.stepTimeoutMs);
      assert.equal(echo.isBase64Encoded, false, '$default: isBase64Encoded');
    } finally {
      await client.close();
    }
  });

  it('sync_sfn: answered with the Express execution result (status, output, ARNs)', { timeout }, async () => {
    const client = await open();
    try {
      const data = context.uniqueId();
      client.socket.send(JSON.stringify({ action: 'sync_sfn', data }));
      const result = await client.nextJson<Record<string, unknown>>('the sync_sfn execution result', settings.stepTimeoutMs);
      const region = context.outputs().Region;
      assert.equal(result['status'], 'SUCCEEDED', `sync_sfn: execution status (result ${JSON.stringify(result).slice(0, 300)})`);
      assert.equal(result['output'], JSON.stringify(data), 'sync_sfn: output is the workflow input (the message\'s data)');
      assert.match(String(result['executionArn']), new RegExp(`^${ARN_PREFIX}${region}:\\d{12}:express:`), 'sync_sfn: executionArn');
      assert.match(String(result['stateMachineArn']), new RegExp(`^${ARN_PREFIX}${region}:\\d{12}:stateMachine:`), 'sync_sfn: stateMachineArn');
    } finally {
      await client.close();
    }
  });

  it('async_sfn: answered at once with the execution ARN, then by the workflow through @connections', { timeout }, async () => {
    const client = await open();
    try {
      client.socket.send(JSON.stringify({ action: 'async_sfn', data: context.uniqueId() }));
      const started = await client.nextJson<Record<string, unknown>>('the async_sfn StartExecution response', settings.stepTimeoutMs);
      assert.match(String(started['executionArn']), new RegExp(`^${ARN_PREFIX}${context.outputs().Region}:\\d{12}:execution:`),
        `async_sfn: executionArn (response ${JSON.stringify(started).slice(0, 300)})`);
      assert.equal(typeof started['startDate'], 'number', 'async_sfn: startDate');
      const callback = await client.nextJson('the async_sfn workflow\'s @connections message', settings.callbackTimeoutMs);
      assert.deepEqual(callback, { Message: 'Hello from asynchronous workflow execution!' }, 'async_sfn: the workflow\'s message');
    } finally {
      await client.close();
    }
  });
}
