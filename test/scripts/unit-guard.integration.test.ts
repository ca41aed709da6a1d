/**
 * The guard scripts/run-tests.ts preloads into unit test files, through the real test runner: it
 * refuses servers and child processes by name, and a file that catches a refusal still fails.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const RULE = 'in a unit test: a test that starts servers or child processes belongs in a *.integration.test.ts file';

describe('the unit-test guard', () => {
  it('refuses each way of starting a server or a child process, and fails the file that caught the refusals', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    // This file's own runner context would make the nested runner talk to a parent that is not there.
    delete env['NODE_TEST_CONTEXT'];
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        './test/support/unit-guard.ts',
        '--test',
        '--test-reporter=tap',
        'test/fixtures/unit-guard/starts-things.ts',
      ],
      { encoding: 'utf8', env },
    );
    const output = run.stdout + run.stderr;
    assert.equal(run.status, 1, output);
    assert.match(output, /^# pass 2$/m, 'each refusal threw with its rule');
    for (const what of [
      'listening on a socket (net.Server.listen)',
      'starting a child process (child_process.spawn)',
      'starting a child process (child_process.fork)',
    ]) {
      assert.ok(output.includes(`${what} ${RULE}`), `${what}:\n${output}`);
    }
    assert.match(output, /unit-guard: /, 'the file fails at exit, naming what it started');
  });
});
