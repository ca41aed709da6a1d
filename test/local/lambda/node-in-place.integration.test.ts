/**
 * Node.js handlers as people write them, run where they are (no build), the way the Lambda Node.js runtime loads
 * a deployed folder: CommonJS and ESM by extension and package.json "type", callback style, the function's own
 * node_modules, layers, and the AWS SDK v3 the runtime provides. Each function's folder is written to a
 * temporary directory, away from this repository's package.json and node_modules.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLambdaService, type LambdaFunctionSpec, type LambdaService } from '../../../local/lambda/index.ts';
import { writeCodeFolder } from './code-folder.ts';
import { errorOf, resultOf } from './outcomes.ts';
import { makeBundleDir } from './service-setup.ts';

const SDK_PROBE =
  "typeof DynamoDBClient === 'function' && typeof DynamoDBDocumentClient.from === 'function' && typeof PostToConnectionCommand === 'function'";

describe('local Lambda: Node.js functions run in place', () => {
  let work: Awaited<ReturnType<typeof makeBundleDir>>;
  let service: LambdaService;
  const fn = (
    name: string,
    folder: string,
    handler: string,
    extra: Partial<LambdaFunctionSpec> = {},
  ): LambdaFunctionSpec => ({
    name,
    codeUri: join(work.dir, folder),
    handler,
    runtime: 'nodejs20.x',
    bundle: false,
    timeoutSeconds: 3,
    memorySizeMb: 128,
    environment: {},
    ...extra,
  });

  before(async () => {
    work = await makeBundleDir();
    const at = (folder: string, files: Record<string, string>) => writeCodeFolder(join(work.dir, folder), files);
    await at('cjs', {
      'exports.js': 'exports.handler = async (event) => ({ style: "exports", format: typeof require, event });',
      'module.js': 'module.exports.handler = async () => ({ style: "module.exports" });',
      'explicit.cjs': 'module.exports = { handler: async () => ({ style: "cjs extension" }) };',
      'esm.mjs': 'export const handler = async () => ({ style: "mjs", format: typeof require });',
      'sync.js': 'exports.handler = (event) => "a plain return value is not the result";',
      'callback.js': [
        'exports.handler = function (event, context, callback) {',
        '  if (event.fail) return setImmediate(() => callback(new TypeError("called back with an error")));',
        '  setImmediate(() => callback(null, { calledBack: context.functionName }));',
        '};',
      ].join('\n'),
      'sdk.js': [
        "const { DynamoDBClient } = require('@aws-sdk/client-dynamodb');",
        "const { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');",
        "const { PostToConnectionCommand } = require('@aws-sdk/client-apigatewaymanagementapi');",
        `exports.handler = async () => ({ sdk: ${SDK_PROBE} });`,
      ].join('\n'),
      'missing-sdk.js':
        "const { S3Client } = require('@aws-sdk/client-s3');\nexports.handler = async () => S3Client.name;",
      'not-sdk.js':
        "require('yaml');\nexports.handler = async () => 'the local stack\\'s own dependencies are not the function\\'s';",
      'layered.js': "exports.handler = async () => require('shared-lib').where;",
    });
    await at('module-type', {
      'package.json': '{ "type": "module" }',
      'app.js': [
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';",
        "import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';",
        "import { PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';",
        "import { where } from 'shared-lib';",
        `export const handler = async () => ({ format: typeof require, sdk: ${SDK_PROBE}, layer: where });`,
      ].join('\n'),
    });
    await at('own-sdk', {
      'node_modules/@aws-sdk/client-dynamodb/package.json':
        '{ "name": "@aws-sdk/client-dynamodb", "main": "index.js" }',
      'node_modules/@aws-sdk/client-dynamodb/index.js': 'exports.whose = "the function\'s own copy";',
      'app.js': "exports.handler = async () => require('@aws-sdk/client-dynamodb').whose;",
      'app.mjs': "import sdk from '@aws-sdk/client-dynamodb';\nexport const handler = async () => sdk.whose;",
    });
    await at('layer-a', {
      'nodejs/node_modules/shared-lib/index.js': 'exports.where = "first layer";',
      'nodejs/node_modules/shared-lib/package.json': '{"name":"shared-lib"}',
    });
    await at('layer-b', {
      'nodejs/node_modules/shared-lib/index.js': 'exports.where = "second layer";',
      'nodejs/node_modules/shared-lib/package.json': '{"name":"shared-lib"}',
    });
    await at('typescript', { 'app.ts': 'export const handler = async (): Promise<string> => "typed";' });
    // A function folder inside a project that says "type": "module": Lambda gets the folder alone, so its .js is CommonJS.
    await at('esm-project', {
      'package.json': '{ "type": "module" }',
      'functions/chat/app.js': "const { where } = require('./lib.js');\nexports.handler = async () => where;",
      'functions/chat/lib.js': 'exports.where = "CommonJS inside a module project";',
    });
    const layers = [join(work.dir, 'layer-a'), join(work.dir, 'layer-b')];
    service = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [
        fn('Exports', 'cjs', 'exports.handler'),
        fn('ModuleExports', 'cjs', 'module.handler'),
        fn('Cjs', 'cjs', 'explicit.handler'),
        fn('Mjs', 'cjs', 'esm.handler'),
        fn('Sync', 'cjs', 'sync.handler'),
        fn('Callback', 'cjs', 'callback.handler'),
        fn('Sdk', 'cjs', 'sdk.handler'),
        fn('MissingSdk', 'cjs', 'missing-sdk.handler'),
        fn('NotSdk', 'cjs', 'not-sdk.handler'),
        fn('Layered', 'cjs', 'layered.handler', { layers }),
        fn('ModuleType', 'module-type', 'app.handler', { layers }),
        fn('OwnSdk', 'own-sdk', 'app.handler'),
        fn('InEsmProject', 'esm-project/functions/chat', 'app.handler'),
      ],
    });
    await service.start();
  });

  after(async () => {
    await service?.stop();
    await work.remove();
  });

  it('loads CommonJS by exports.handler, module.exports.handler and the .cjs extension', async () => {
    assert.deepEqual(resultOf(await service.invoke('Exports', { n: 1 })), {
      style: 'exports',
      format: 'function',
      event: { n: 1 },
    });
    assert.deepEqual(resultOf(await service.invoke('ModuleExports', {})), { style: 'module.exports' });
    assert.deepEqual(resultOf(await service.invoke('Cjs', {})), { style: 'cjs extension' });
  });

  it('reads .js as CommonJS when no package.json inside the code folder says otherwise, whatever the project above says', async () => {
    assert.equal(resultOf(await service.invoke('InEsmProject', {})), 'CommonJS inside a module project');
  });

  it('loads ESM from .mjs, and from .js under a package.json with "type": "module"', async () => {
    assert.deepEqual(resultOf(await service.invoke('Mjs', {})), { style: 'mjs', format: 'undefined' });
    assert.equal(resultOf(await service.invoke('ModuleType', {})).format, 'undefined');
  });

  it("follows the runtime's callback rules: the callback's value or error; a plain return value is not the result", async () => {
    assert.deepEqual(resultOf(await service.invoke('Callback', {})), { calledBack: 'Callback' });
    assert.deepEqual(
      { ...errorOf(await service.invoke('Callback', { fail: true })), stack: [] },
      { kind: 'error', errorType: 'TypeError', errorMessage: 'called back with an error', stack: [] },
    );
    assert.equal(resultOf(await service.invoke('Sync', {})), null);
  });

  it('provides the AWS SDK v3 clients to CommonJS and ESM code without node_modules of its own', async () => {
    assert.deepEqual(resultOf(await service.invoke('Sdk', {})), { sdk: true });
    assert.equal(resultOf(await service.invoke('ModuleType', {})).sdk, true);
  });

  it("prefers the function's own copy of an SDK package, as Lambda does", async () => {
    assert.equal(resultOf(await service.invoke('OwnSdk', {})), "the function's own copy");
  });

  it("finds packages in the layers' nodejs/node_modules, the later layer first, from CommonJS and ESM", async () => {
    assert.equal(resultOf(await service.invoke('Layered', {})), 'second layer');
    assert.equal(resultOf(await service.invoke('ModuleType', {})).layer, 'second layer');
  });

  it('names an SDK package the local stack does not provide, and does not lend its own other dependencies', async () => {
    const missing = errorOf(await service.invoke('MissingSdk', {}));
    assert.equal(missing.errorType, 'Runtime.ImportModuleError');
    assert.match(
      missing.errorMessage,
      /Cannot find module '@aws-sdk\/client-s3'.*the local stack provides only the AWS SDK packages it installs; Lambda provides all of @aws-sdk\/\*: add @aws-sdk\/client-s3 to the function's own package\.json/s,
    );
    const notSdk = errorOf(await service.invoke('NotSdk', {}));
    assert.equal(notSdk.errorType, 'Runtime.ImportModuleError');
    assert.match(notSdk.errorMessage, /Cannot find module 'yaml'/);
  });

  it('refuses at start a TypeScript handler without a build, and a runtime it does not run, naming the function', async () => {
    const typescript = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [fn('Typed', 'typescript', 'app.handler')],
    });
    await assert.rejects(
      typescript.start(),
      /Lambda function "Typed": no file for handler "app.handler" in .*typescript \(tried app\.js, app\.mjs, app\.cjs\) \(app\.ts is TypeScript: Lambda runs JavaScript; add Metadata: BuildMethod: esbuild to build it\)/,
    );
    const java = createLambdaService({
      bundleDir: join(work.dir, 'bundles'),
      functions: [fn('Java', 'cjs', 'exports.handler', { runtime: 'java21' })],
    });
    await assert.rejects(
      java.start(),
      /Lambda function "Java": its runtime java21 is not run locally \(Node\.js and Python runtimes are\)/,
    );
  });
});
