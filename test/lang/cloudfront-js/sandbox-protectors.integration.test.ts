/**
 * V8's protector cells are per process (per isolate), not per vm context. Hardening the CloudFront Function's
 * context once redefined `Array.prototype.constructor`, `Array.prototype[Symbol.iterator]` and the like as
 * accessors, which invalidated them and made array spreads, `map`, `split` and `replace` 5–40× slower in the
 * whole local stack. The engine's own flags are read here (no timing).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const FIXTURE = fileURLToPath(new URL('./fixtures/protectors-after-sandbox.ts', import.meta.url));
const MUST_BE_READABLE = [
  'ArraySpeciesProtector',
  'ArrayIteratorProtector',
  'RegExpSpeciesProtector',
  'TypedArraySpeciesProtector',
];

describe('CloudFront Function sandbox and the host process', () => {
  it("hardening the function's context leaves every V8 protector of the process intact", async () => {
    const env = { ...process.env };
    delete env['NODE_TEST_CONTEXT'];
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--allow-natives-syntax', '--import', 'tsx', FIXTURE],
      { env, timeout: 60_000 },
    );
    const report = JSON.parse(stdout) as {
      before: Record<string, boolean | string>;
      after: Record<string, boolean | string>;
      outcome: string;
    };
    assert.equal(report.outcome, 'response', 'the function ran in its hardened context');
    for (const name of MUST_BE_READABLE)
      assert.equal(report.before[name], true, `${name} is readable and intact before`);
    assert.deepEqual(report.after, report.before);
  });
});
