/**
 * The Lambda service's reload (watch mode): the next invocation runs the new code, one already in flight ends on the
 * old, a build error changes nothing, and sources() names what each function is built from.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createLambdaService } from '../../../local/lambda/index.ts';
import { writeCodeFolder } from './code-folder.ts';
import { makeBundleDir } from './service-setup.ts';

const slowVersion = (version: string) => `import { pause } from './pause.ts';
export const handler = async (event: { waitMs?: number }) => { await pause(event.waitMs ?? 0); return ${JSON.stringify(version)}; };
`;

describe('Lambda service reload', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const cleanup of cleanups) await cleanup();
  });

  it('runs the new code from the next invocation, lets one in flight finish on the old, and keeps the old code when the build fails', async () => {
    const bundles = await makeBundleDir();
    const code = await makeBundleDir();
    cleanups.push(bundles.remove, code.remove);
    await writeCodeFolder(code.dir, {
      'app.ts': slowVersion('v1'),
      'pause.ts': 'export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));\n',
      'inplace/index.js': 'exports.handler = async () => "in place v1";\n',
    });
    const lambda = createLambdaService({
      bundleDir: bundles.dir,
      functions: [
        {
          name: 'Bundled',
          codeUri: code.dir,
          handler: 'app.handler',
          entryPoints: ['app.ts'],
          timeoutSeconds: 5,
          memorySizeMb: 128,
          environment: {},
        },
        {
          name: 'InPlace',
          codeUri: join(code.dir, 'inplace'),
          handler: 'index.handler',
          bundle: false,
          timeoutSeconds: 5,
          memorySizeMb: 128,
          environment: {},
        },
      ],
    });
    await lambda.start();
    cleanups.unshift(() => lambda.stop());

    assert.deepEqual(lambda.sources().get('Bundled'), {
      files: [join(code.dir, 'pause.ts'), join(code.dir, 'app.ts')],
      folders: [],
    }); // esbuild's order
    assert.deepEqual(lambda.sources().get('InPlace'), { files: [], folders: [join(code.dir, 'inplace')] });

    const inFlight = lambda.invoke('Bundled', { waitMs: 700 });
    await new Promise((resolve) => setTimeout(resolve, 200)); // it runs on the first build now
    await writeFile(join(code.dir, 'app.ts'), slowVersion('v2'));
    await lambda.reload(['Bundled']);
    assert.deepEqual(await lambda.invoke('Bundled', {}), { kind: 'result', result: 'v2' });
    assert.deepEqual(await inFlight, { kind: 'result', result: 'v1' });

    // A broken edit: reload rejects naming the function and the file; the code built last keeps answering.
    await writeFile(join(code.dir, 'app.ts'), 'export const handler = async (=> 1;\n');
    await assert.rejects(
      lambda.reload(['Bundled']),
      /Lambda function "Bundled": esbuild could not bundle .*app\.ts: .*app\.ts:1:\d+: /,
    );
    assert.deepEqual(await lambda.invoke('Bundled', {}), { kind: 'result', result: 'v2' });

    // Code run in place: a fresh sandbox loads the file again.
    await writeFile(join(code.dir, 'inplace', 'index.js'), 'exports.handler = async () => "in place v2";\n');
    await lambda.reload(['InPlace']);
    assert.deepEqual(await lambda.invoke('InPlace', {}), { kind: 'result', result: 'in place v2' });

    await assert.rejects(
      lambda.reload(['Nope']),
      /lambda service: unknown function "Nope" \(known: Bundled, InPlace\)/,
    );
  });
});
