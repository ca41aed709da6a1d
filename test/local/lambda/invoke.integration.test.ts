import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { messageEvent, newConnectionId, newRequestId } from '../../../local/events/index.ts';
import { resultOf } from './outcomes.ts';
import { HANDLERS_DIR, fixtureFunction, lambdaServiceForSuite } from './service-setup.ts';

describe('local Lambda: invocations', () => {
  const suite = lambdaServiceForSuite({
    functions: [
      // As in template.yaml: ESM, EntryPoints [default.ts], handler default.handler.
      {
        name: 'DefaultFunction',
        codeUri: HANDLERS_DIR,
        handler: 'default.handler',
        entryPoints: ['default.ts'],
        format: 'esm',
        timeoutSeconds: 10,
        memorySizeMb: 128,
        environment: {},
      },
      fixtureFunction('Sleeper', 'sleeper.handler', { timeoutSeconds: 0.5, memorySizeMb: 256 }),
      fixtureFunction('Thrower', 'thrower.handler', { format: 'esm' }),
      fixtureFunction('CallbackStyle', 'callback-style.handler'),
    ],
  });

  it('runs the project $default echo handler on a MESSAGE event', async () => {
    const event = messageEvent({
      connectionId: newConnectionId(),
      connectedAt: 1700000000000,
      requestId: newRequestId(),
      requestTimeEpoch: 1700000001000,
      stage: 'prod',
      apiId: 'local',
      domainName: '127.0.0.1',
      sourceIp: '127.0.0.1',
      routeKey: '$default',
      messageId: newRequestId(),
      body: '{"action":"hello","text":"hi \\"there\\""}',
    });
    const result = resultOf(await suite.service.invoke('DefaultFunction', event));
    assert.equal(result.statusCode, 200);
    assert.deepEqual(JSON.parse(result.body), event);
  });

  it('keeps module state between invocations of a warm sandbox', async () => {
    const first = resultOf(await suite.service.invoke('Sleeper', {}));
    const second = resultOf(await suite.service.invoke('Sleeper', {}));
    assert.equal(second.invocations, first.invocations + 1);
  });

  it('passes a Lambda-like context', async () => {
    const result = resultOf(await suite.service.invoke('Sleeper', {}));
    assert.match(result.awsRequestId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(result.functionName, 'Sleeper');
    assert.match(result.invokedFunctionArn, /^arn:aws:lambda:us-east-1:\d{12}:function:Sleeper$/);
    assert.equal(result.memoryLimitInMB, '256');
    assert.ok(result.remainingMs > 0 && result.remainingMs <= 500, String(result.remainingMs));
  });

  it('queues concurrent invocations of one function on its sandbox', async () => {
    const outcomes = await Promise.all([
      suite.service.invoke('Sleeper', { sleepMs: 20 }),
      suite.service.invoke('Sleeper', { sleepMs: 20 }),
    ]);
    const counts = outcomes.map((outcome) => resultOf(outcome).invocations as number).sort((a, b) => a - b);
    assert.equal(counts[1], (counts[0] ?? 0) + 1);
  });

  it('starts the timeout of a waiting invocation when the one before it ends, and runs it in a fresh sandbox after a timeout', async () => {
    // The second waits about 500 ms behind the first, then needs a cold start and 150 ms of its own 500: it must not time out.
    const [timedOut, next] = await Promise.all([
      suite.service.invoke('Sleeper', { sleepMs: 60_000 }),
      suite.service.invoke('Sleeper', { sleepMs: 150 }),
    ]);
    assert.deepEqual(timedOut, { kind: 'timeout', timeoutSeconds: 0.5 });
    const result = resultOf(next);
    assert.equal(result.invocations, 1, 'the waiting invocation ran in a fresh sandbox');
    assert.ok(
      result.remainingMs > 0 && result.remainingMs <= 350,
      `its deadline counts from its own start: ${result.remainingMs} ms left`,
    );
  });

  it('reports a timeout, then runs the next invocation in a fresh sandbox', async () => {
    const timedOut = await suite.service.invoke('Sleeper', { sleepMs: 60_000 });
    assert.deepEqual(timedOut, { kind: 'timeout', timeoutSeconds: 0.5 });
    const next = resultOf(await suite.service.invoke('Sleeper', {}));
    assert.equal(next.invocations, 1, 'module state starts over after a timeout');
  });

  it('turns a thrown Error into errorType/errorMessage/stack', async () => {
    const outcome = await suite.service.invoke('Thrower', {});
    assert.equal(outcome.kind, 'error');
    if (outcome.kind !== 'error') return;
    assert.equal(outcome.errorType, 'ValidationError');
    assert.equal(outcome.errorMessage, 'field "x" is required');
    assert.equal(outcome.stack?.[0], 'ValidationError: field "x" is required');
    assert.match(
      outcome.stack?.[1] ?? '',
      /fixtures\/thrower\.ts:\d+:\d+\)$/,
      'source maps point at the TypeScript source',
    );
  });

  it('reports a thrown string with its type, as the Node.js runtime does', async () => {
    const outcome = await suite.service.invoke('Thrower', { throwString: true });
    assert.deepEqual(outcome, { kind: 'error', errorType: 'string', errorMessage: 'Unauthorized', stack: [] });
  });

  it('supports callback-style handlers', async () => {
    assert.deepEqual(await suite.service.invoke('CallbackStyle', { name: 'ocpp' }), {
      kind: 'result',
      result: { greeting: 'hello ocpp' },
    });
  });

  it('rejects an unknown function name, naming it', async () => {
    await assert.rejects(
      suite.service.invoke('Nope', {}),
      /unknown function "Nope" \(known: DefaultFunction, Sleeper, Thrower, CallbackStyle\)/,
    );
  });
});
