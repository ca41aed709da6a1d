/**
 * `npm run lint:template [-- file...]`: the built-in template checks plus the real cfn-lint on
 * template.yaml, every example's template and deploy/bootstrap.yaml (or the files given). Exit 1 on any error finding;
 * a missing cfn-lint is reported as skipped, and is an error when REQUIRE_CFN_LINT=1 (CI).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { formatFindings, hasErrors, loadSpecDatabase } from '../checks/index.ts';
import { lintTemplateFile } from '../checks/lint-file.ts';
import { configFiles } from '../generator/config/load.ts';
import { createVtlEngine } from '../lang/vtl/index.ts';

const requested = process.argv.slice(2);
const files = requested.length > 0
  ? requested
  : [...configFiles(process.cwd()).map((config) => join(dirname(config), 'template.yaml')), join(process.cwd(), 'deploy', 'bootstrap.yaml')].filter(existsSync);
const db = loadSpecDatabase();
const engine = createVtlEngine();
let failed = false;
for (const file of files) {
  const name = relative(process.cwd(), file) || file;
  const report = await lintTemplateFile(file, db, engine);
  if (report.findings.length > 0) console.log(formatFindings(report.findings, name));
  if (report.cfnLint.status === 'skipped') {
    console.log(`${name}: cfn-lint SKIPPED (not installed): ${report.cfnLint.hint}`);
    if (process.env['REQUIRE_CFN_LINT'] === '1') failed = true;
  }
  const errors = hasErrors(report.findings);
  failed ||= errors;
  console.log(`${name}: ${errors ? 'FAILED' : 'ok'} (${report.findings.length} finding(s); built-in checks${report.cfnLint.status === 'ran' ? ' + cfn-lint' : ' only'})`);
}
process.exitCode = failed ? 1 : 0;
