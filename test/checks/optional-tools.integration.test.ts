/**
 * An absent optional tool, through the real test runner: a visible skip that names the tool and
 * how to install it, or a failure when the run demands the tool.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';

const FIXTURE = 'test/fixtures/optional-tool/needs-missing-tool.ts';
const MISSING = 'no-such-tool not found: install it with `apt-get install no-such-tool`';

function runFixture(demand: Record<string, string>) {
  const env: NodeJS.ProcessEnv = { ...process.env, ...demand };
  // This file's own runner context would make the nested runner talk to a parent that is not there.
  for (const name of ['NODE_TEST_CONTEXT', 'REQUIRE_TOOLS', 'REQUIRE_NO_SUCH_TOOL'])
    if (!(name in demand)) delete env[name];
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=tap', FIXTURE], {
    encoding: 'utf8',
    env,
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

describe('a test that needs an optional tool that is missing', () => {
  it('is reported as skipped, with the tool and how to install it, and the run passes', () => {
    const { status, output } = runFixture({});
    assert.equal(status, 0, output);
    assert.match(
      output,
      new RegExp(`^ok 1 - needs a tool that is not installed # SKIP ${escapeRegExp(MISSING)}$`, 'm'),
    );
    assert.match(output, /^# pass 1$/m);
    assert.match(output, /^# skipped 1$/m);
  });

  for (const variable of ['REQUIRE_TOOLS', 'REQUIRE_NO_SUCH_TOOL']) {
    it(`fails, naming the tool, how to install it and why, when ${variable}=1`, () => {
      const { status, output } = runFixture({ [variable]: '1' });
      assert.equal(status, 1, output);
      assert.match(output, /^not ok 1 - needs a tool that is not installed$/m);
      assert.ok(output.includes(`${MISSING} (${variable}=1 demands it)`), output);
      assert.match(output, /^# skipped 0$/m);
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
