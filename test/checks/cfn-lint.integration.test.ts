/**
 * Runs the REAL cfn-lint (Python, on PATH; about 2-3 s per run); without it, the tests that need
 * it are reported as skipped with how to install it (test/support/optional-tool.ts).
 * The failure-path tests use real system programs (`cat`, `echo`), not imitations of cfn-lint.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCfnLint } from '../../checks/cfn-lint.ts';
import { CFN_LINT } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';
import { stringifyCloudFormation } from '../../cfn/yaml.ts';
import type { CfnTemplate } from '../../cfn/types.ts';
import { cleanTemplate, props } from './fixtures.ts';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfn-lint-test-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function writeTemplate(name: string, template: CfnTemplate): string {
  const file = join(dir, name);
  writeFileSync(file, stringifyCloudFormation(template));
  return file;
}

describe('runCfnLint (real cfn-lint)', () => {
  it('runs on the clean SAM fixture and finds no errors', async (t) => {
    const result = await runCfnLint(writeTemplate('clean.yaml', cleanTemplate()));
    if (skipWithoutTool(t, CFN_LINT, result.status === 'ran')) return;
    assert.deepEqual(result.status === 'ran' ? result.findings.filter((f) => f.level === 'error') : null, []);
  });

  it('reports a DynamoDB table without KeySchema as an E3003 error at its path', async (t) => {
    const template = cleanTemplate();
    delete props(template, 'ConnectionsTable').KeySchema;
    const result = await runCfnLint(writeTemplate('no-key-schema.yaml', template));
    if (skipWithoutTool(t, CFN_LINT, result.status === 'ran')) return;
    const findings = result.status === 'ran' ? result.findings : [];
    assert.deepEqual(
      findings.find((f) => f.check === 'cfn-lint:E3003'),
      {
        check: 'cfn-lint:E3003',
        level: 'error',
        path: 'Resources.ConnectionsTable.Properties',
        message: "'KeySchema' is a required property",
      },
    );
  });

  it("returns 'missing' with an install hint when CFN_LINT points at no executable", async () => {
    const file = writeTemplate('any.yaml', cleanTemplate());
    const saved = process.env.CFN_LINT;
    process.env.CFN_LINT = '/nonexistent/cfn-lint';
    try {
      assert.deepEqual(await runCfnLint(file), {
        status: 'missing',
        hint: "cfn-lint step SKIPPED: executable '/nonexistent/cfn-lint' not found. Install it with: pip install cfn-lint",
      });
    } finally {
      if (saved === undefined) delete process.env.CFN_LINT;
      else process.env.CFN_LINT = saved;
    }
  });

  it('throws (never reports a pass) when the executable fails or prints something that is not JSON', async () => {
    const file = writeTemplate('any2.yaml', cleanTemplate());
    // GNU cat rejects `--format` on stderr with exit 1: the error must carry that stderr.
    await assert.rejects(
      runCfnLint(file, { executable: 'cat' }),
      /cfn-lint failed on .*any2\.yaml \(Command failed with exit code 1[\s\S]*unrecognized option '--format'/,
    );
    await assert.rejects(runCfnLint(file, { executable: 'echo' }), /cfn-lint output for .*any2\.yaml is not JSON/);
  });

  it('throws a clear error for a template file that does not exist', async () => {
    await assert.rejects(runCfnLint(join(dir, 'nope.yaml')), /cfn-lint: template file not found: .*nope\.yaml/);
  });
});
