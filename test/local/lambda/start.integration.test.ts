import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLambdaService } from '../../../local/lambda/index.ts';
import { fixtureFunction, makeBundleDir } from './service-setup.ts';

describe('local Lambda: bundling and init errors', () => {
  let work: Awaited<ReturnType<typeof makeBundleDir>>;

  before(async () => {
    work = await makeBundleDir();
  });

  after(async () => {
    await work.remove();
  });

  it('names the function, the file and the position of a syntax error', async () => {
    const sourceFile = join(work.dir, 'broken.ts');
    await writeFile(sourceFile, 'export const handler = async () => {\n  return (;\n};\n');
    const service = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [fixtureFunction('BrokenFunction', 'broken.handler', { codeUri: work.dir })],
    });
    await assert.rejects(service.start(), (error: Error) => {
      assert.match(
        error.message,
        /^Lambda function "BrokenFunction": esbuild could not bundle .*broken\.ts: .*broken\.ts:2:\d+: /,
      );
      return true;
    });
    await service.stop();
  });

  it('names the handler and the files it tried when there is no entry file', async () => {
    const service = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [fixtureFunction('Missing', 'nowhere.handler')],
    });
    await assert.rejects(
      service.start(),
      /Lambda function "Missing": no entry file for handler "nowhere.handler" in .* \(tried nowhere\.ts, /,
    );
  });

  it('rejects options with a message naming the field, value and rule', () => {
    assert.throws(() => createLambdaService({ bundleDir: work.dir, functions: [fixtureFunction('Bad', 'nodot')] }), {
      name: 'TypeError',
      message:
        'createLambdaService: invalid options:\n  functions[0] (Bad).handler: "nodot" must be of the form "module.export" (e.g. "default.handler")',
    });
    assert.throws(
      () =>
        createLambdaService({ bundleDir: work.dir, functions: [fixtureFunction('Bad', 'a.b', { timeoutSeconds: 0 })] }),
      /functions\[0\] \(Bad\)\.timeoutSeconds: 0 must be a positive number of seconds/,
    );
    assert.throws(
      () =>
        createLambdaService({
          bundleDir: work.dir,
          functions: [fixtureFunction('Twin', 'a.b'), fixtureFunction('Twin', 'a.b')],
        }),
      /functions\[1\]\.name: "Twin" is listed twice/,
    );
  });

  it('reports init failures like the Node.js runtime and retries init on the next invocation', async () => {
    const service = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [
        fixtureFunction('InitThrower', 'init-thrower.handler'),
        fixtureFunction('WrongExport', 'sleeper.notExported', { entryPoints: ['sleeper.ts'], format: 'esm' }),
      ],
    });
    await service.start();
    try {
      for (let attempt = 0; attempt < 2; attempt++) {
        const outcome = await service.invoke('InitThrower', {});
        assert.equal(outcome.kind, 'error');
        if (outcome.kind !== 'error') return;
        assert.equal(outcome.errorType, 'RangeError');
        assert.equal(outcome.errorMessage, 'REQUIRED_SETTING is not set');
      }
      const wrongExport = await service.invoke('WrongExport', {});
      assert.equal(wrongExport.kind === 'error' && wrongExport.errorType, 'Runtime.HandlerNotFound');
      assert.equal(
        wrongExport.kind === 'error' && wrongExport.errorMessage,
        'sleeper.notExported is undefined or not exported',
      );
    } finally {
      await service.stop();
    }
  });
});
