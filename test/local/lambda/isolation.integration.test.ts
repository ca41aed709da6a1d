import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLambdaService, type LambdaService } from '../../../local/lambda/index.ts';
import { fixtureFunction, makeBundleDir } from './service-setup.ts';

describe('local Lambda: isolation', () => {
  let service: LambdaService;
  let bundles: Awaited<ReturnType<typeof makeBundleDir>>;
  const parentMarker = `LOCAL_LAMBDA_PARENT_ONLY_${process.pid}`;

  before(async () => {
    process.env[parentMarker] = 'parent';
    bundles = await makeBundleDir();
    service = createLambdaService({
      bundleDir: bundles.dir,
      baseEnvironment: { AWS_REGION: 'eu-west-1', FROM_BASE: 'base', SHARED: 'base' },
      functions: [
        fixtureFunction('EnvReader', 'env-reader.handler', {
          timeoutSeconds: 7,
          memorySizeMb: 192,
          environment: { FROM_FUNCTION: 'function', SHARED: 'function', AWS_LAMBDA_FUNCTION_NAME: 'spoofed' },
        }),
        fixtureFunction('Exiter', 'exiter.handler'),
        fixtureFunction('MemoryHog', 'memory-hog.handler', { memorySizeMb: 32, timeoutSeconds: 30 }),
        fixtureFunction('Sleeper', 'sleeper.handler', { timeoutSeconds: 30 }),
      ],
    });
    await service.start();
  });

  after(async () => {
    delete process.env[parentMarker];
    await service.stop();
    await bundles.remove();
  });

  it('gives the handler base + function + Lambda variables, never the parent env', async () => {
    const names = [
      parentMarker,
      'FROM_BASE',
      'FROM_FUNCTION',
      'SHARED',
      'AWS_REGION',
      'AWS_LAMBDA_FUNCTION_NAME',
      'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
      'AWS_LAMBDA_FUNCTION_TIMEOUT',
      '_HANDLER',
      'PATH',
    ];
    const outcome = await service.invoke('EnvReader', { names });
    assert.equal(outcome.kind, 'result');
    const env = (outcome as { result: Record<string, string | null> }).result;
    assert.deepEqual(env, {
      [parentMarker]: null,
      FROM_BASE: 'base',
      FROM_FUNCTION: 'function',
      SHARED: 'function',
      AWS_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'EnvReader',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '192',
      AWS_LAMBDA_FUNCTION_TIMEOUT: '7',
      _HANDLER: 'env-reader.handler',
      PATH: null,
    });
    const taskRoot = await service.invoke('EnvReader', { names: ['LAMBDA_TASK_ROOT'] });
    assert.match(JSON.stringify(taskRoot), new RegExp(`${bundles.dir}/EnvReader`));
  });

  it("keeps the handler's env writes inside its sandbox", async () => {
    await service.invoke('EnvReader', { names: [] });
    assert.equal(process.env.WRITTEN_BY_HANDLER, undefined);
  });

  it('turns process.exit into a Runtime.ExitError and recovers with a fresh sandbox', async () => {
    const crashed = await service.invoke('Exiter', { exit: true });
    assert.equal(crashed.kind, 'error');
    assert.equal(crashed.kind === 'error' && crashed.errorType, 'Runtime.ExitError');
    assert.match(
      crashed.kind === 'error' ? crashed.errorMessage : '',
      /^RequestId: [0-9a-f-]{36} Error: Runtime exited with error: exit status 3$/,
    );
    assert.deepEqual(await service.invoke('Exiter', {}), { kind: 'result', result: { invocations: 1 } });
  });

  it('runs the invocations waiting behind a crashed one in a fresh sandbox, in order', async () => {
    const outcomes = await Promise.all([
      service.invoke('Exiter', { exit: true }),
      service.invoke('Exiter', {}),
      service.invoke('Exiter', {}),
    ]);
    assert.equal(outcomes[0]?.kind === 'error' && outcomes[0].errorType, 'Runtime.ExitError');
    assert.deepEqual(outcomes.slice(1), [
      { kind: 'result', result: { invocations: 1 } },
      { kind: 'result', result: { invocations: 2 } },
    ]);
  });

  it('turns running out of memory into Runtime.OutOfMemory', async () => {
    const outcome = await service.invoke('MemoryHog', {});
    assert.equal(outcome.kind, 'error');
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Runtime.OutOfMemory');
  });

  it('ends a pending invocation when the service stops, and refuses new ones', async () => {
    const pending = service.invoke('Sleeper', { sleepMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await service.stop();
    const outcome = await pending;
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Runtime.ServiceStopped');
    await assert.rejects(service.invoke('Sleeper', {}), /invoke\("Sleeper"\) called when stopped/);
  });
});
