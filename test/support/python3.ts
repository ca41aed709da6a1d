import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';
import { BOTO3, PYTHON3 } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from './optional-tool.ts';

/** Whether `python3` runs here (Python 3 handlers need it), checked once per (integration) test file. */
export const PYTHON3_INSTALLED =
  spawnSync('python3', ['-c', 'import sys; sys.exit(0 if sys.version_info[0] == 3 else 1)']).status === 0;

/** Whether boto3 imports in that python3 (tests of boto3 reaching the local endpoints need it). */
export const BOTO3_INSTALLED = PYTHON3_INSTALLED && spawnSync('python3', ['-c', 'import boto3']).status === 0;

/**
 * For a test of Python handlers: without python3 it is skipped, visibly, with how to install it, or fails where the
 * run demands it (REQUIRE_TOOLS=1 in .ci/run, or REQUIRE_PYTHON3=1). Returns true when the test must stop.
 */
export function skipWithoutPython(t: TestContext): boolean {
  return skipWithoutTool(t, PYTHON3, PYTHON3_INSTALLED);
}

/** The same for a test that needs boto3 in that python3 (REQUIRE_BOTO3=1 demands it alone). */
export function skipWithoutBoto3(t: TestContext): boolean {
  return skipWithoutTool(t, BOTO3, BOTO3_INSTALLED);
}
