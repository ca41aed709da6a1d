/**
 * The package as another project gets it: `npm pack`, installed from the tarball into a scratch project in a
 * temporary folder, then `apigw-ws-integrations local --template ...` (npx's bin) on a template that is not ours, with real
 * WebSocket clients. About 20 s with npm's cache warm (it installs the package's dependencies from the cache).
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { connect } from '../../smoke/client.ts';
import { copyFixtureApp } from '../support/fixture-copy.ts';
import { FREE_PORT_FLAGS } from '../../scripts/start-options.ts';

const REPO = new URL('../../', import.meta.url).pathname;
const WAIT = 20_000;

describe('the installed package', () => {
  it('runs a template of another project from npx, serves WebSocket clients and stops on SIGTERM', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'scratch-project-'));
    await execa('npm', ['pack', '--pack-destination', scratch], { cwd: REPO });
    const [tarball] = readdirSync(scratch).filter((name) => name.endsWith('.tgz'));
    assert.ok(tarball, 'npm pack wrote no tarball');
    writeFileSync(join(scratch, 'package.json'), '{ "name": "someone-elses-chat", "private": true }\n');
    await execa('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', join(scratch, tarball)], {
      cwd: scratch,
    });
    const help = await execa('npx', ['--no-install', 'apigw-ws-integrations', '--help'], { cwd: scratch });
    assert.match(help.stdout, /^usage: apigw-ws-integrations local \[--template FILE\]/);
    const templateFile = copyFixtureApp('node-chat');
    const outputsFile = join(scratch, 'outputs.json');
    // The bin npx runs, started directly so that SIGTERM reaches the stack (npx does not pass signals on).
    const child = execa(
      join(scratch, 'node_modules', '.bin', 'apigw-ws-integrations'),
      ['local', '--template', templateFile, ...FREE_PORT_FLAGS, '--memory', '--outputs', outputsFile],
      { cwd: scratch, reject: false, all: true },
    );
    try {
      const deadline = Date.now() + 60_000;
      while (!existsSync(outputsFile) && Date.now() < deadline && child.exitCode === null)
        await new Promise((resolve) => setTimeout(resolve, 100));
      assert.ok(existsSync(outputsFile), 'the command wrote no outputs file');
      const outputs = JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, string>;
      assert.equal(outputs['WebSocketURI'], outputs['APIEndpoint']);
      const alice = await connect(`${outputs['APIEndpoint']}?name=alice`, WAIT);
      const bob = await connect(`${outputs['APIEndpoint']}?name=bob`, WAIT);
      bob.socket.send(JSON.stringify({ action: 'sendmessage', data: 'from an installed package' }));
      assert.equal(await alice.next('the broadcast', WAIT), 'bob says: from an installed package');
      await Promise.all([alice.close(), bob.close()]);
      child.kill('SIGTERM');
    } finally {
      child.kill('SIGTERM');
    }
    const result = await child;
    assert.equal(result.exitCode, 0, result.all);
    assert.match(result.all ?? '', /Local stack running \(outputs in .*outputs\.json\):/);
    // The package's files are the runtime only: no generator, tests or examples.
    const installed = join(scratch, 'node_modules', 'apigw-ws-integrations');
    assert.deepEqual(readdirSync(installed).sort(), [
      'README.md',
      'bin',
      'cfn',
      'lang',
      'local',
      'package.json',
      'scripts',
      'shared',
    ]);
  });
});
