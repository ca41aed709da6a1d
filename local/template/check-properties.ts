import { PROPERTY_COVERAGE, type TypeCoverage } from './property-coverage.ts';
import type { LocalTemplate } from './types.ts';
import { isMapping } from '../shared/is-mapping.ts';

export interface PropertyFindings {
  /** Settings that stop the start: AWS would behave differently and the difference would go unnoticed. */
  refused: string[];
  /** Settings that run, but not as on AWS; shown at start and again in the start summary. */
  warned: string[];
}

/**
 * Every property each loaded resource sets, against the coverage lists: nothing a template sets is silently
 * ignored. A property in no list (a newer CloudFormation property, or a misspelling) is refused too: the local
 * stack cannot know what it would do.
 */
export function checkProperties(template: Pick<LocalTemplate, 'resources'>): PropertyFindings {
  const findings: PropertyFindings = { refused: [], warned: [] };
  for (const resource of template.resources.values()) {
    const coverage = PROPERTY_COVERAGE[resource.type];
    if (coverage === undefined || !isMapping(resource.properties)) continue;
    for (const [name, value] of Object.entries(resource.properties)) {
      const where = `Resources.${resource.logicalId}.Properties.${name} (${resource.type})`;
      const finding = findingFor(coverage, name, value);
      if (finding === undefined) continue;
      (finding.action === 'refuse' ? findings.refused : findings.warned).push(`${where}: ${finding.why}`);
    }
  }
  return findings;
}

function findingFor(
  coverage: TypeCoverage,
  name: string,
  value: unknown,
): { action: 'refuse' | 'warn'; why: string } | undefined {
  if (coverage.emulated.includes(name) || coverage.inert.includes(name)) return undefined;
  const entry = Object.hasOwn(coverage.notEmulated, name) ? coverage.notEmulated[name] : undefined;
  if (entry === undefined)
    return { action: 'refuse', why: 'not a property the local stack knows, so it cannot emulate it' };
  if (entry.reportedBy !== undefined || entry.unless?.(value) === true) return undefined;
  return { action: entry.action, why: `not emulated locally: ${entry.why}` };
}
