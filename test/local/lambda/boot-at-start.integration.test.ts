/**
 * `bootRuntimesAtStart` (issue 20, cold vs warm stack): the named functions' runtimes (their worker threads) start
 * with the service, so the first invocation does not wait for a thread. What a user can observe of a cold start must
 * not change: the function's module is loaded by its first invocation, not before, and that invocation's REPORT
 * carries the Init Duration; an Init failure is reported as before.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { createLambdaService, type LambdaService } from '../../../local/lambda/index.ts';
import { writeCodeFolder } from './code-folder.ts';
import { fixtureFunction, makeBundleDir } from './service-setup.ts';

const BOOT_DEADLINE_MS = 20_000;

/** A function whose module appends a line to MARKER_FILE when it is loaded (its Init), then answers 'ok'. */
const MARKED_MODULE = [
  'import { appendFileSync } from "node:fs";',
  'appendFileSync(process.env.MARKER_FILE as string, "loaded\\n");',
  'export const handler = async () => "ok";',
  '',
].join('\n');

interface Started {
  lambda: LambdaService;
  lines: string[];
  marker: string;
}

describe('local Lambda: runtimes started at start', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function startWithMarkedFunction(bootRuntimesAtStart: string[]): Promise<Started> {
    const bundles = await makeBundleDir();
    const code = await makeBundleDir();
    cleanups.push(bundles.remove, code.remove);
    await writeCodeFolder(code.dir, { 'app.ts': MARKED_MODULE });
    const marker = join(code.dir, 'loads.txt');
    const lines: string[] = [];
    const lambda = createLambdaService({
      bundleDir: bundles.dir,
      functions: [
        {
          name: 'local-Marked',
          codeUri: code.dir,
          handler: 'app.handler',
          entryPoints: ['app.ts'],
          timeoutSeconds: 3,
          memorySizeMb: 128,
          environment: { MARKER_FILE: marker },
        },
      ],
      bootRuntimesAtStart,
      log: (message) => lines.push(message),
    });
    await lambda.start();
    cleanups.push(() => lambda.stop());
    return { lambda, lines, marker };
  }

  async function runtimeStarted(lines: string[]): Promise<string> {
    const deadline = performance.now() + BOOT_DEADLINE_MS;
    for (;;) {
      const line = lines.find((message) => message.includes('runtime started'));
      if (line !== undefined) return line;
      if (performance.now() > deadline) assert.fail(`no runtime start logged: ${lines.join('\n')}`);
      await sleep(10);
    }
  }

  it("starts the runtime but not the function's Init, which the first invocation still reports", async () => {
    const { lambda, lines, marker } = await startWithMarkedFunction(['local-Marked']);
    assert.match(
      await runtimeStarted(lines),
      /^local-Marked: runtime started in \d+ ms, ahead of its first invocation$/,
    );
    assert.equal(existsSync(marker), false, 'the module is not loaded before the first invocation');

    assert.deepEqual(await lambda.invoke('local-Marked', {}), { kind: 'result', result: 'ok' });
    assert.equal(readFileSync(marker, 'utf8'), 'loaded\n');
    const reports = lines.filter((line) => line.includes('REPORT RequestId'));
    assert.equal(reports.length, 1, lines.join('\n'));
    assert.match(reports[0]!, /\tInit Duration: \d+\.\d\d ms$/, 'the first invocation is a cold start');

    assert.deepEqual(await lambda.invoke('local-Marked', {}), { kind: 'result', result: 'ok' });
    assert.equal(readFileSync(marker, 'utf8'), 'loaded\n', 'loaded once');
    const warm = lines.filter((line) => line.includes('REPORT RequestId'))[1];
    assert.doesNotMatch(warm ?? '', /Init Duration/, 'the second is warm');
  });

  it('starts no runtime unless asked: the first invocation starts it, as before', async () => {
    const { lambda, lines, marker } = await startWithMarkedFunction([]);
    assert.deepEqual(await lambda.invoke('local-Marked', {}), { kind: 'result', result: 'ok' });
    assert.equal(readFileSync(marker, 'utf8'), 'loaded\n');
    assert.equal(lines.filter((line) => line.includes('runtime started')).length, 0, lines.join('\n'));
    assert.match(lines.find((line) => line.includes('REPORT RequestId')) ?? '', /\tInit Duration: /);
  });

  it('an Init that fails still fails in the first invocation, and again in the next (a fresh runtime)', async () => {
    const bundles = await makeBundleDir();
    cleanups.push(bundles.remove);
    const lines: string[] = [];
    const lambda = createLambdaService({
      bundleDir: bundles.dir,
      functions: [
        fixtureFunction('InitThrower', 'init-thrower.handler', { format: 'esm' }),
        fixtureFunction('NotBooted', 'init-thrower.handler', { format: 'esm' }),
      ],
      bootRuntimesAtStart: ['InitThrower'],
      log: (message) => lines.push(message),
    });
    await lambda.start();
    cleanups.push(() => lambda.stop());
    await runtimeStarted(lines);
    assert.deepEqual(
      lines.filter((line) => line.includes('runtime started')).map((line) => line.split(':')[0]),
      ['InitThrower'],
      'only the functions named start their runtime',
    );
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const outcome = await lambda.invoke('InitThrower', {});
      assert.equal(outcome.kind, 'error', JSON.stringify(outcome));
      assert.equal((outcome as { errorType: string }).errorType, 'RangeError');
      assert.match((outcome as { errorMessage: string }).errorMessage, /REQUIRED_SETTING is not set/);
    }
  });

  it('stopped while its runtimes start: the stop ends them, and no module was loaded', async () => {
    const { lambda, marker } = await startWithMarkedFunction(['local-Marked']);
    await lambda.stop();
    assert.equal(existsSync(marker), false);
    assert.equal(
      (await lambda.invoke('local-Marked', {}).catch((error: Error) => error.message)) as string,
      'lambda service: invoke("local-Marked") called when stopped',
    );
  });

  it('refuses a bootRuntimesAtStart that is not a list of the functions, naming the field and the value', async () => {
    const bundles = await makeBundleDir();
    cleanups.push(bundles.remove);
    const functions = [fixtureFunction('Known', 'thrower.handler')];
    assert.throws(
      () =>
        createLambdaService({ bundleDir: bundles.dir, functions, bootRuntimesAtStart: 'Known' as unknown as string[] }),
      {
        message:
          'createLambdaService: invalid options:\n  bootRuntimesAtStart: "Known" must be a list of function names',
      },
    );
    assert.throws(
      () =>
        createLambdaService({
          bundleDir: bundles.dir,
          functions,
          bootRuntimesAtStart: ['Known', 'Unknown', 7 as unknown as string],
        }),
      {
        message:
          'createLambdaService: invalid options:\n  bootRuntimesAtStart[1]: "Unknown" must name one of the functions\n  bootRuntimesAtStart[2]: 7 must name one of the functions',
      },
    );
  });
});
