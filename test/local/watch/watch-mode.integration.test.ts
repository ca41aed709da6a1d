/**
 * Watch mode end to end: `npm start -- --watch` on a config in a scratch folder, a real ws client connected the
 * whole time. A handler edit is answered by the new code on the same connection; a broken edit keeps the old code
 * and logs the error; a config edit restarts the stack (1012 for the client) and the new route answers; a broken
 * config keeps the restarted stack running.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { connect } from '../../../smoke/client.ts';
import { startWatched } from './watched-process.ts';
import { FREE_PORT_FLAGS } from '../../../scripts/start-options.ts';

const GENERATOR = fileURLToPath(new URL('../../../generator/config/index.ts', import.meta.url));
const START = fileURLToPath(new URL('../../../scripts/start.ts', import.meta.url));

const config = (routes: string) => `import { defineConfig } from ${JSON.stringify(GENERATOR)};
export default defineConfig({
  stage: { name: 'dev' },
  routeSelectionExpression: '$request.body.action',
  sessions: { store: { path: false, sourceIp: false } },
  routes: {
    $default: { integration: 'lambda', handler: 'handlers/echo.ts' },${routes}
  },
  edge: { enabled: false },
  observability: { accessLogs: { enabled: false }, tracing: false },
});
`;
const echo = (version: string) => `import { prefix } from './prefix.ts';
export const handler = async (event: { body?: string }) => {
  console.log('echo', event.body);
  return { statusCode: 200, body: prefix(${JSON.stringify(version)}) + event.body };
};
`;

describe('watch mode (npm start -- --watch)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'watch-'));
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('reloads an edited handler on the same connection, keeps it on a broken edit, restarts with 1012 on a config edit', {
    timeout: 180_000,
  }, async () => {
    mkdirSync(join(folder, 'handlers'));
    const configFile = join(folder, 'ws.config.ts');
    writeFileSync(configFile, config(''));
    writeFileSync(join(folder, 'handlers', 'echo.ts'), echo('v1'));
    // An import of the handler: a change to it is a change to the handler (esbuild's metafile lists it).
    writeFileSync(join(folder, 'handlers', 'prefix.ts'), 'export const prefix = (version: string) => `${version}:`;\n');
    const outputsFile = join(folder, 'outputs.json');
    const watched = startWatched(START, [
      '--config',
      configFile,
      '--watch',
      '--memory',
      '--outputs',
      outputsFile,
      ...FREE_PORT_FLAGS,
    ]);
    const seen = (pattern: RegExp, from = 0) => pattern.test(watched.output().slice(from));
    try {
      const apiEndpoint = (await watched.outputs(outputsFile))['APIEndpoint']!;
      const output = () => watched.output();
      const client = await connect(apiEndpoint, 10_000);
      client.socket.send('one');
      assert.equal(await client.next('the v1 answer', 15_000), 'v1:one');
      // The invocation in npm start's terminal, as Lambda writes it: START, the handler's console.log, END, REPORT.
      await watched.printed('the invocation lines', /lambda: \[local-DefaultFunction\] REPORT RequestId: /, 0);
      const requestId = /lambda: \[local-DefaultFunction\] START RequestId: ([0-9a-f-]{36}) Version: \$LATEST\n/.exec(
        output(),
      )?.[1];
      assert.ok(requestId, output());
      assert.match(
        output(),
        new RegExp(`lambda: \\[local-DefaultFunction\\] \\d{4}-[^\\t]+Z\\t${requestId}\\tINFO\\techo one\\n`),
      );
      assert.match(output(), new RegExp(`lambda: \\[local-DefaultFunction\\] END RequestId: ${requestId}\\n`));
      assert.match(
        output(),
        new RegExp(
          `lambda: \\[local-DefaultFunction\\] REPORT RequestId: ${requestId}\\tDuration: [\\d.]+ ms\\tBilled Duration: \\d+ ms\\tMemory Size: 128 MB\\tMax Memory Used: \\d+ MB\\tInit Duration: [\\d.]+ ms\\n`,
        ),
      );

      // A handler edit: the next message on the same connection runs the new code.
      let mark = output().length;
      writeFileSync(join(folder, 'handlers', 'echo.ts'), echo('v2'));
      await watched.printed(
        'the rebuild line',
        /watch: .*echo\.ts changed: rebuilt local-\w+; the next invocation runs the new code/,
        mark,
      );
      client.socket.send('two');
      assert.equal(await client.next('the v2 answer', 15_000), 'v2:two');

      // A file the handler imports counts too.
      mark = output().length;
      writeFileSync(
        join(folder, 'handlers', 'prefix.ts'),
        'export const prefix = (version: string) => `${version}=`;\n',
      );
      await watched.printed('the rebuild line for the import', /prefix\.ts changed: rebuilt/, mark);
      client.socket.send('three');
      assert.equal(await client.next('the answer after the import changed', 15_000), 'v2=three');

      // A broken edit: the error is logged, the old code keeps answering.
      mark = output().length;
      writeFileSync(join(folder, 'handlers', 'echo.ts'), 'export const handler = async (event => {\n');
      await watched.printed(
        'the build error',
        /echo\.ts changed, and Lambda function "local-\w+": esbuild could not bundle .*echo\.ts: .*echo\.ts:\d+:\d+: .*; the previous code of local-\w+ keeps running/,
        mark,
      );
      client.socket.send('four');
      assert.equal(await client.next('the answer after a broken edit', 15_000), 'v2=four');

      // A config edit: a new route. The stack restarts (1012 Service Restart), on the same ports.
      writeFileSync(join(folder, 'handlers', 'echo.ts'), echo('v3'));
      writeFileSync(
        join(folder, 'handlers', 'hello.ts'),
        'export const handler = async () => ({ statusCode: 200, body: "hello route" });\n',
      );
      await watched.printed('the rebuild after the fix', /echo\.ts changed: rebuilt/, mark);
      mark = output().length;
      writeFileSync(configFile, config(`\n    hello: { integration: 'lambda', handler: 'handlers/hello.ts' },`));
      const closed = await client.closedWithin('the close when the stack restarts', 60_000);
      assert.deepEqual(closed, { code: 1012, reason: 'Service Restart' });
      assert.ok(
        seen(
          /watch: .*ws\.config\.ts changed: restarting the stack on the new template \(connections close with 1012 Service Restart\)/,
          mark,
        ),
        output().slice(mark),
      );
      await watched.printed('the outputs again', /Local stack running/, mark, 60_000);
      assert.equal((JSON.parse(readFileSync(outputsFile, 'utf8')) as { APIEndpoint: string }).APIEndpoint, apiEndpoint);
      assert.match(readFileSync(join(folder, 'template.yaml'), 'utf8'), /RouteKey: hello/);
      const again = await connect(apiEndpoint, 10_000);
      again.socket.send(JSON.stringify({ action: 'hello' }));
      assert.equal(await again.next('the new route', 15_000), 'hello route');
      again.socket.send('five');
      assert.equal(await again.next('the handler after the restart', 15_000), 'v3=five');

      // A broken config: the error is printed, the running stack stays as it was (no close, still answering).
      mark = output().length;
      writeFileSync(configFile, config(`\n    hello: { integration: 'lambda', handler: 'handlers/missing.ts' },`));
      await watched.printed(
        'the config error',
        /ws\.config\.ts changed, and [\s\S]*routes\.hello\.handler: file does not exist relative to the config[\s\S]*\(the stack keeps running as it was; fix the edit to go on\)/,
        mark,
      );
      again.socket.send(JSON.stringify({ action: 'hello' }));
      assert.equal(await again.next('the route after a broken config', 15_000), 'hello route');
      await again.close();
    } catch (error) {
      throw Object.assign(error as Error, {
        message: `${(error as Error).message}\nthe output of npm start:\n${watched.output()}`,
      });
    } finally {
      assert.equal(await watched.stop(), 0, watched.output());
    }
  });
});
