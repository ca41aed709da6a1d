/**
 * Entry point of the template checks. Static checks (spec, references, IAM) run in-process on
 * the template object; cfn-lint runs separately on the written file (see ./cfn-lint.ts).
 *
 *   const db = loadSpecDatabase();            // once per run, ~0.5-1 s
 *   const findings = runStaticChecks(template, db);
 */
import type { CfnTemplate } from '../cfn/types.ts';
import type { Finding } from './finding.ts';
import { checkIam } from './iam.ts';
import { checkReferences } from './references.ts';
import { checkResourceSpec } from './resource-spec.ts';
import type { SpecDatabase } from './spec-db.ts';

export { loadSpecDatabase, type SpecDatabase } from './spec-db.ts';
export { formatFindings, hasErrors, type Finding } from './finding.ts';

/** All in-process checks, in a stable order: spec, then references, then IAM. */
export function runStaticChecks(template: CfnTemplate, db: SpecDatabase): Finding[] {
  return [...checkResourceSpec(template, db), ...checkReferences(template, db), ...checkIam(template)];
}
