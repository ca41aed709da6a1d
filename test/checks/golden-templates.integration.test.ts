import assert from 'node:assert/strict';
import { dirname, join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { formatFindings, loadSpecDatabase, type SpecDatabase } from '../../checks/index.ts';
import { lintTemplateFile } from '../../checks/lint-file.ts';
import { configFiles } from '../../generator/config/load.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';

/**
 * The real `npm run lint:template` path on every golden template: built-in checks and the real
 * cfn-lint. cfn-lint must have run: a skipped cfn-lint fails this test instead of passing it.
 */
describe('every golden template passes the template checks', () => {
  let db: SpecDatabase;
  before(() => { db = loadSpecDatabase(); });
  const engine = createVtlEngine();
  for (const config of configFiles(process.cwd())) {
    const file = join(dirname(config), 'template.yaml');
    it(relative(process.cwd(), file), async () => {
      const report = await lintTemplateFile(file, db, engine);
      assert.deepEqual(report.cfnLint, { status: 'ran' }, 'cfn-lint did not run: install it with `pip install cfn-lint`');
      assert.equal(formatFindings(report.findings, file), '');
    });
  }
});
