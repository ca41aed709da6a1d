/**
 * `npm run lint:template [-- file...]`: the built-in template checks plus the real cfn-lint on
 * template.yaml, every example's template and deploy/bootstrap.yaml (or the files given). Exit 1 on any error finding;
 * a missing cfn-lint is reported as skipped, and is an error when the run demands it (REQUIRE_TOOLS=1 or
 * REQUIRE_CFN_LINT=1, see checks/optional-tools.ts).
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { CloudFormationYamlError } from '../cfn/yaml.ts';
import { formatFindings, hasErrors, loadSpecDatabase } from '../checks/index.ts';
import { lintTemplateFile } from '../checks/lint-file.ts';
import { CFN_LINT, toolDemandedBy } from '../checks/optional-tools.ts';
import { configFiles } from '../generator/config/load.ts';
import { createVtlEngine } from '../lang/vtl/index.ts';
import { runCommandAsProcess, UsageError } from './cli.ts';

const LINT_TEMPLATE = {
  name: 'npm run lint:template',
  usage: [
    'usage: npm run lint:template -- [TEMPLATE_FILE ...]',
    '  TEMPLATE_FILE   a SAM template (default: template.yaml, every examples/*/template.yaml and deploy/bootstrap.yaml)',
    '  Runs the built-in checks and cfn-lint; exit 1 on an error finding, or when cfn-lint is missing and REQUIRE_TOOLS=1 or REQUIRE_CFN_LINT=1.',
  ].join('\n'),
  options: {},
  allowPositionals: true,
} as const;

async function main({ positionals }: { positionals: string[] }): Promise<number> {
  const absent = positionals.filter((file) => !existsSync(file));
  if (absent.length > 0) throw new UsageError(absent.map((file) => `${file}: no such template file`).join('\n'));
  const files =
    positionals.length > 0
      ? positionals
      : [
          ...configFiles(process.cwd()).map((config) => join(dirname(config), 'template.yaml')),
          join(process.cwd(), 'deploy', 'bootstrap.yaml'),
        ].filter(existsSync);
  const db = loadSpecDatabase();
  const engine = createVtlEngine();
  let failed = false;
  for (const file of files) {
    const name = relative(process.cwd(), file) || file;
    const report = await lintTemplateFile(file, db, engine).catch((error: unknown) => {
      if (!(error instanceof CloudFormationYamlError)) throw error;
      return error;
    });
    if (report instanceof CloudFormationYamlError) {
      console.log(`${name}: FAILED (not a readable template: ${report.message})`);
      failed = true;
      continue;
    }
    if (report.findings.length > 0) console.log(formatFindings(report.findings, name));
    const demandedBy = report.cfnLint.status === 'skipped' ? toolDemandedBy(CFN_LINT) : undefined;
    if (report.cfnLint.status === 'skipped') {
      console.log(
        `${name}: cfn-lint SKIPPED (not installed): ${report.cfnLint.hint}${demandedBy === undefined ? '' : `; ${demandedBy} demands it`}`,
      );
    }
    const fileFailed = hasErrors(report.findings) || demandedBy !== undefined;
    failed ||= fileFailed;
    console.log(
      `${name}: ${fileFailed ? 'FAILED' : 'ok'} (${report.findings.length} finding(s); built-in checks${report.cfnLint.status === 'ran' ? ' + cfn-lint' : ' only'})`,
    );
  }
  return failed ? 1 : 0;
}

runCommandAsProcess(LINT_TEMPLATE, main, 1);
