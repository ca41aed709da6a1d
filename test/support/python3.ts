import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

/** Whether `python3` runs here (Python 3 handlers need it), checked once per test file. */
export const PYTHON3_INSTALLED = spawnSync('python3', ['-c', 'import sys; sys.exit(0 if sys.version_info[0] == 3 else 1)']).status === 0;

/** Whether boto3 imports in that python3 (tests of boto3 reaching the local endpoints need it). */
export const BOTO3_INSTALLED = PYTHON3_INSTALLED && spawnSync('python3', ['-c', 'import boto3']).status === 0;

const MISSING = 'python3 not found: install Python 3 (e.g. `apt-get install python3`) to run the Python handler tests';

/**
 * For a test of Python handlers: without python3 it is marked skipped with how to install it, or fails where the
 * run demands the tool (REQUIRE_PYTHON3=1 or REQUIRE_TOOLS=1; .ci/run sets them). Returns true when the test must stop.
 */
export function skipWithoutPython(t: TestContext): boolean {
  if (PYTHON3_INSTALLED) return false;
  const demanded = process.env['REQUIRE_TOOLS'] === '1' ? 'REQUIRE_TOOLS=1' : process.env['REQUIRE_PYTHON3'] === '1' ? 'REQUIRE_PYTHON3=1' : undefined;
  if (demanded !== undefined) assert.fail(`${MISSING} (${demanded} demands it)`);
  t.skip(MISSING);
  return true;
}
