import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { formatFindings, hasErrors, loadSpecDatabase, type SpecDatabase } from '../../checks/index.ts';
import { lintTemplateFile } from '../../checks/lint-file.ts';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CfnTemplate } from '../../cfn/types.ts';
import { parseCloudFormation } from '../../cfn/yaml.ts';
import { deployNeedsOf, deployRoleId, ENVIRONMENTS, renderBootstrapYaml } from '../../generator/bootstrap/index.ts';
import { createVtlEngine } from '../../lang/vtl/index.ts';
import { CFN_LINT } from '../../checks/optional-tools.ts';
import { skipWithoutTool } from '../support/optional-tool.ts';

const FILE = 'deploy/bootstrap.yaml';

describe('deploy/bootstrap.yaml template checks', () => {
  let db: SpecDatabase;
  before(() => {
    db = loadSpecDatabase();
  });

  it('passes cfn-lint and every built-in check; only the reviewed unavoidable wildcards remain, as warnings', async (t) => {
    const report = await lintTemplateFile(FILE, db, createVtlEngine());
    assert.equal(hasErrors(report.findings), false, formatFindings(report.findings, FILE));
    const accepted = report.findings.map((f) => `${f.level} ${f.check} ${f.path.replace(/\.Resource\[\d\]$/, '')}`);
    const statementIndexes = [5, 6, 7, 8, 9, 11, 16, 17, 19]; // roles x3, functions, state machines, APIs, distribution, policy, @connections
    assert.deepEqual(
      accepted,
      ENVIRONMENTS.flatMap((environment) =>
        statementIndexes.map(
          (index) =>
            `warning iam/resource-wildcard Resources.${deployRoleId(environment)}.Properties.Policies[0].PolicyDocument.Statement[${index}]`,
        ),
      ),
    );
    assert.ok(
      report.findings.every((f) => f.message.startsWith('accepted (')),
      'each accepted finding carries its reason',
    );
    skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran');
  });

  it('the role derived from the production example (domain, web ACL, alarms) passes too, its wildcards each accepted with a reason', async (t) => {
    const production = parseCloudFormation(
      readFileSync('examples/production/template.yaml', 'utf8'),
    ) as unknown as CfnTemplate;
    const file = join(mkdtempSync(join(tmpdir(), 'bootstrap-')), 'bootstrap.yaml');
    writeFileSync(file, renderBootstrapYaml(deployNeedsOf(production)));
    const report = await lintTemplateFile(file, db, createVtlEngine());
    assert.equal(hasErrors(report.findings), false, formatFindings(report.findings, file));
    assert.ok(report.findings.length > 0);
    assert.ok(
      report.findings.every((f) => f.check === 'iam/resource-wildcard' && f.message.startsWith('accepted (')),
      formatFindings(report.findings, file),
    );
    skipWithoutTool(t, CFN_LINT, report.cfnLint.status === 'ran');
  });
});
