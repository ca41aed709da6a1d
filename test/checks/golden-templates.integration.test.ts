import assert from 'node:assert/strict';
import { dirname, join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { formatFindings, loadSpecDatabase, type SpecDatabase } from '../../checks/index.ts';
import { lintTemplateFile } from '../../checks/lint-file.ts';
import { configFiles } from '../../generator/config/load.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { CFN_LINT } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';

/**
 * The real `npm run lint:template` path on every golden template: built-in checks and the real
 * cfn-lint. Without cfn-lint the built-in checks still must pass, and the test is then reported as
 * skipped, naming cfn-lint and how to install it (a failure where the run demands cfn-lint).
 */
describe('every golden template passes the template checks', () => {
  let db: SpecDatabase;
  before(() => {
    db = loadSpecDatabase();
  });
  const engine = createVtlEngine();
  for (const config of configFiles(process.cwd())) {
    const file = join(dirname(config), 'template.yaml');
    it(relative(process.cwd(), file), async (t) => {
      const report = await lintTemplateFile(file, db, engine);
      assert.equal(formatFindings(report.findings, file), '');
      skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran');
    });
  }
});
