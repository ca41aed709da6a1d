/**
 * Runs the tests under test/ with node:test. Node 20's runner has no glob and reports "0 tests" for
 * a folder, so the files are listed here explicitly, and finding none is an error.
 *
 * Two kinds, told apart by the file name:
 * - `*.integration.test.ts`: starts servers, child processes or the local stack;
 * - every other `*.test.ts` is a unit test. Unit tests run with test/support/unit-guard.ts
 *   preloaded, which makes listening on a socket or starting a child process throw, so a test
 *   cannot be filed as a unit test and still start a server.
 *
 * `--unit`: only the unit tests (`npm run test:unit`, the inner loop). Otherwise the unit tests,
 * then the integration tests. Any other argument keeps only the files whose path contains it.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const INTEGRATION = '.integration.test.ts';
const UNIT_GUARD = './test/support/unit-guard.ts';

const args = process.argv.slice(2);
const unitOnly = args.includes('--unit');
const filter = args.filter((arg) => arg !== '--unit');

const files = readdirSync('test', { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.test.ts'))
  .map((file) => join('test', file))
  .sort();
if (files.length === 0) {
  console.error('run-tests: no test files found under test/');
  process.exit(1);
}
const selected = filter.length > 0 ? files.filter((file) => filter.some((part) => file.includes(part))) : files;
const groups = [
  {
    name: 'unit tests',
    files: selected.filter((file) => !file.endsWith(INTEGRATION)),
    preload: ['--import', UNIT_GUARD],
  },
  {
    name: 'integration tests',
    files: unitOnly ? [] : selected.filter((file) => file.endsWith(INTEGRATION)),
    preload: [],
  },
].filter((group) => group.files.length > 0);
if (groups.length === 0) {
  console.error(
    `run-tests: no ${unitOnly ? 'unit ' : ''}test file matches ${filter.map((part) => JSON.stringify(part)).join(' or ')}`,
  );
  process.exit(1);
}

const failed: string[] = [];
for (const group of groups) {
  console.log(`\n-- ${group.name} (${group.files.length} files)`);
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', ...group.preload, '--test', '--test-reporter=spec', ...group.files],
    {
      stdio: 'inherit',
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    },
  );
  if (result.status !== 0) failed.push(group.name);
}
if (failed.length > 0) console.error(`\nrun-tests: FAILED: ${failed.join(', ')}`);
process.exit(failed.length > 0 ? 1 : 0);
