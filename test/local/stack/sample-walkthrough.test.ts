/**
 * The original sample README's verification, end to end against the local stack started from
 * template.yaml: custom path + query through the edge, the session record, $default echo,
 * sync_sfn, async_sfn with its callback, disconnect.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import WebSocket from 'ws';
import { startLocalStack, type LocalStack } from '../../../local/stack/index.ts';

interface Client { socket: WebSocket; next(): Promise<string> }

function open(url: string): Promise<Client> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const queued: string[] = [];
    const waiters: Array<(m: string) => void> = [];
    socket.on('message', (data) => { const text = data.toString(); const w = waiters.shift(); if (w) w(text); else queued.push(text); });
    socket.once('open', () => resolve({
      socket,
      next: () => new Promise<string>((res, rej) => {
        const first = queued.shift();
        if (first !== undefined) return res(first);
        const timer = setTimeout(() => rej(new Error('no message within 10 s')), 10_000);
        waiters.push((m) => { clearTimeout(timer); res(m); });
      }),
    }));
    socket.once('error', reject);
  });
}

async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('local stack: the original sample walkthrough', () => {
  let stack: LocalStack;
  let dynamo: DynamoDBClient;
  before(async () => {
    stack = await startLocalStack({ waitTimeScale: 0.01, bundleDir: mkdtempSync(join(tmpdir(), 'bundles-')), log: () => {} });
    dynamo = new DynamoDBClient({ endpoint: stack.outputs.DynamoDBEndpoint, region: stack.outputs.Region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  after(async () => { dynamo.destroy(); await stack.stop(); });

  it('connects through the edge, records the session, answers every route, and deletes the record on close', async () => {
    const started = Math.floor(Date.now() / 1000);
    const client = await open(`${stack.outputs.Distribution}/this/is/my/custom/path/?my_query=foo`);
    client.socket.send('hello there');
    const echo = JSON.parse(await client.next()) as { body: string; requestContext: { connectionId: string; routeKey: string } };
    assert.equal(echo.body, 'hello there');
    assert.equal(echo.requestContext.routeKey, '$default');
    const key = { connectionid: { S: echo.requestContext.connectionId } };

    const record = await dynamo.send(new GetItemCommand({ TableName: stack.outputs.Sessions, Key: key }));
    assert.equal(record.Item?.['path']?.S, '/this/is/my/custom/path/');
    assert.equal(record.Item?.['querystring']?.M?.['my_query']?.S, 'foo');
    const ttl = Number(record.Item?.['ttl']?.N);
    assert.ok(ttl >= started + 86_400 && ttl <= started + 86_400 + 60, `ttl ${ttl} is about a day ahead in epoch seconds`);

    client.socket.send(JSON.stringify({ action: 'sync_sfn', data: '123456' }));
    const sync = JSON.parse(await client.next()) as { status: string; output: string; executionArn: string };
    assert.equal(sync.status, 'SUCCEEDED');
    assert.equal(JSON.parse(sync.output), '123456');
    assert.match(sync.executionArn, /^arn:aws:states:us-east-1:123456789012:express:/);

    client.socket.send(JSON.stringify({ action: 'async_sfn', data: '123456' }));
    const startedExecution = JSON.parse(await client.next()) as { executionArn: string };
    assert.match(startedExecution.executionArn, /^arn:aws:states:us-east-1:123456789012:execution:/);
    assert.deepEqual(JSON.parse(await client.next()), { Message: 'Hello from asynchronous workflow execution!' });

    client.socket.close(1000, 'bye');
    const gone = await poll(() => dynamo.send(new GetItemCommand({ TableName: stack.outputs.Sessions, Key: key })), (r) => r.Item === undefined);
    assert.equal(gone.Item, undefined);
  });
});
