import { readFileSync } from 'node:fs';
import type { CfnTemplate } from '../cfn/types.ts';
import { parseCloudFormation } from '../cfn/yaml.ts';
import type { VtlEngine } from '../lang/vtl/index.ts';
import { applyAcceptances } from './accepted.ts';
import { checkCloudFrontFunctions } from './cloudfront-function.ts';
import { runCfnLint } from './cfn-lint.ts';
import type { Finding } from './finding.ts';
import { runStaticChecks } from './index.ts';
import type { SpecDatabase } from './spec-db.ts';
import { checkStateMachines } from './state-machines.ts';
import { checkVtlTemplates } from './vtl-templates.ts';

export interface LintReport {
  file: string;
  findings: Finding[];
  /** `ran`, or `skipped` with how to install cfn-lint; never reported as passed when skipped. */
  cfnLint: { status: 'ran' } | { status: 'skipped'; hint: string };
}

/** Every built-in check on the template object, with the resources' reviewed exceptions applied (checks/accepted.ts). */
export function runBuiltInChecks(template: CfnTemplate, db: SpecDatabase, engine: VtlEngine): Finding[] {
  return applyAcceptances(template, [
    ...runStaticChecks(template, db),
    ...checkStateMachines(template),
    ...checkCloudFrontFunctions(template),
    ...checkVtlTemplates(template, engine),
  ]);
}

/** Built-in checks plus the real cfn-lint, merged into one report. */
export async function lintTemplateFile(file: string, db: SpecDatabase, engine: VtlEngine): Promise<LintReport> {
  const template = parseCloudFormation(readFileSync(file, 'utf8'), file) as unknown as CfnTemplate;
  const findings = runBuiltInChecks(template, db, engine);
  const cfnLint = await runCfnLint(file);
  if (cfnLint.status === 'missing') return { file, findings, cfnLint: { status: 'skipped', hint: cfnLint.hint } };
  return { file, findings: [...findings, ...cfnLint.findings], cfnLint: { status: 'ran' } };
}
