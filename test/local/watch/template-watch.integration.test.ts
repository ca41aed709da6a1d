/**
 * Watch mode on a template of another app (`apigw-ws-integrations local --template FILE --watch`): a Node.js handler
 * run in place is reloaded when a file of its folder changes; a template that does not load is refused while the
 * running stack keeps its connections; a template edit restarts the stack (1012).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { connect } from '../../../smoke/client.ts';
import { copyFixtureApp } from '../../support/fixture-copy.ts';
import { startWatched } from './watched-process.ts';
import { FREE_PORT_FLAGS } from '../../../scripts/start-options.ts';

const LOCAL = fileURLToPath(new URL('../../../scripts/local.ts', import.meta.url));
const WAIT = 15_000;

describe('watch mode with --template', () => {
  it('reloads a handler run in place, refuses a broken template without dropping anyone, restarts on a template edit', {
    timeout: 180_000,
  }, async () => {
    const templateFile = copyFixtureApp('node-chat');
    const folder = dirname(templateFile);
    const outputsFile = join(folder, 'outputs.json');
    const watched = startWatched(LOCAL, [
      'local',
      '--template',
      templateFile,
      '--watch',
      '--memory',
      '--outputs',
      outputsFile,
      ...FREE_PORT_FLAGS,
    ]);
    try {
      const outputs = await watched.outputs(outputsFile);
      const client = await connect(outputs['APIEndpoint']!, WAIT);
      client.socket.send('before');
      assert.doesNotMatch(await client.next("the fixture's own $default answer", WAIT), /edited in place/);

      let mark = watched.output().length;
      writeFileSync(
        join(folder, 'default', 'handler.cjs'),
        'exports.handler = async (event) => ({ statusCode: 200, body: "edited in place: " + event.body });\n',
      );
      await watched.printed(
        'the reload',
        /watch: .*default\/handler\.cjs changed: rebuilt local-DefaultFunction/,
        mark,
      );
      client.socket.send('after');
      assert.equal(await client.next('the edited handler', WAIT), 'edited in place: after');

      mark = watched.output().length;
      const template = readFileSync(templateFile, 'utf8');
      writeFileSync(templateFile, `${template}\n  Broken: [unclosed\n`);
      await watched.printed(
        'the refused template',
        /watch: .*template\.yaml changed, and [\s\S]*\(the stack keeps running as it was; fix the edit to go on\)/,
        mark,
      );
      client.socket.send('still here');
      assert.equal(await client.next('the answer after a broken template', WAIT), 'edited in place: still here');

      mark = watched.output().length;
      writeFileSync(templateFile, template.replace('      Timeout: 5\n', '      Timeout: 6\n'));
      assert.deepEqual(await client.closedWithin('the restart', 60_000), { code: 1012, reason: 'Service Restart' });
      await watched.printed(
        'the restart line',
        /watch: .*template\.yaml changed: restarting the stack on the new template/,
        mark,
      );
      await watched.printed('the outputs again', /Local stack running/, mark, 60_000);
      const again = await connect(outputs['APIEndpoint']!, WAIT);
      again.socket.send('restarted');
      assert.equal(await again.next('the handler after the restart', WAIT), 'edited in place: restarted');
      await again.close();
    } catch (error) {
      throw Object.assign(error as Error, { message: `${(error as Error).message}\nthe output:\n${watched.output()}` });
    } finally {
      assert.equal(await watched.stop(), 0, watched.output());
    }
  });
});
