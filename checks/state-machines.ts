import type { CfnTemplate, CfnValue } from '../cfn/types.ts';
import { aslProblems } from '../lang/asl/index.ts';
import { definitionStrings, placeholderNames } from '../lang/asl/placeholders.ts';
import type { Finding } from './finding.ts';

const STATE_MACHINE_TYPES = new Set(['AWS::Serverless::StateMachine', 'AWS::StepFunctions::StateMachine']);

/**
 * Every inline state machine definition passes asl-validator, and its `${Placeholders}` match
 * `DefinitionSubstitutions` exactly (a missing one deploys literally; an unused one hides a typo).
 */
export function checkStateMachines(template: CfnTemplate): Finding[] {
  const findings: Finding[] = [];
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (!STATE_MACHINE_TYPES.has(resource.Type)) continue;
    const definition = resource.Properties?.['Definition'];
    const path = `Resources.${id}.Properties.Definition`;
    if (definition === undefined || typeof definition !== 'object' || definition === null) continue;
    for (const message of aslProblems(definition))
      findings.push({ check: 'asl/invalid', level: 'error', path, message });
    const used = placeholders(definition);
    const substitutions = resource.Properties?.['DefinitionSubstitutions'];
    const given = new Set(
      substitutions && typeof substitutions === 'object' && !Array.isArray(substitutions)
        ? Object.keys(substitutions)
        : [],
    );
    for (const name of used) {
      if (!given.has(name))
        findings.push({
          check: 'asl/missing-substitution',
          level: 'error',
          path,
          message: `placeholder \${${name}} has no DefinitionSubstitutions entry`,
        });
    }
    for (const name of given) {
      if (!used.has(name))
        findings.push({
          check: 'asl/unused-substitution',
          level: 'warning',
          path: `Resources.${id}.Properties.DefinitionSubstitutions.${name}`,
          message: `substitution ${name} is not used by the definition`,
        });
    }
  }
  return findings;
}

function placeholders(value: CfnValue): Set<string> {
  return new Set(definitionStrings(value).flatMap(({ text }) => placeholderNames(text)));
}
