/**
 * Reviewed exceptions. A resource may accept a finding that AWS leaves no way around by listing it
 * in its Metadata, with a reason:
 *
 *   Metadata:
 *     checks:
 *       accept:
 *         - check: iam/resource-wildcard
 *           at: Properties.Policies[0].PolicyDocument.Statement[5]   # a path inside the resource
 *           reason: CloudFormation names the stack's roles <stack>-<LogicalId>-<random>
 *
 * An accepted finding stays in the report as a warning carrying the reason, so it is seen but does
 * not fail the run. An entry without a reason, or one that no longer matches any finding, is an error:
 * exceptions cannot rot silently.
 */
import type { CfnObject, CfnTemplate } from '../cfn/types.ts';
import { childPath, type Finding } from './finding.ts';

interface Acceptance {
  check: string;
  prefix: string;
  reason: string;
  entryPath: string;
}

function acceptancesOf(template: CfnTemplate, problems: Finding[]): Acceptance[] {
  const acceptances: Acceptance[] = [];
  for (const [id, resource] of Object.entries(template.Resources ?? {})) {
    const entries = (resource.Metadata?.['checks'] as CfnObject | undefined)?.['accept'] ?? [];
    const base = childPath(childPath(childPath(childPath('Resources', id), 'Metadata'), 'checks'), 'accept');
    if (!Array.isArray(entries)) {
      problems.push({
        check: 'checks/accept',
        level: 'error',
        path: base,
        message: `must be a list of {check, at, reason} (got ${JSON.stringify(entries)})`,
      });
      continue;
    }
    entries.forEach((entry, index) => {
      const { check, at, reason } = (entry ?? {}) as Record<string, unknown>;
      const entryPath = childPath(base, index);
      if (typeof check !== 'string' || typeof at !== 'string' || typeof reason !== 'string' || reason.trim() === '') {
        problems.push({
          check: 'checks/accept',
          level: 'error',
          path: entryPath,
          message: `needs a string check, at and a non-empty reason (got ${JSON.stringify(entry)})`,
        });
        return;
      }
      acceptances.push({ check, prefix: childPath(childPath('Resources', id), at), reason, entryPath });
    });
  }
  return acceptances;
}

const within = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`);

/** Turns accepted error findings into warnings with their reason; reports bad and stale acceptances. */
export function applyAcceptances(template: CfnTemplate, findings: readonly Finding[]): Finding[] {
  const problems: Finding[] = [];
  const acceptances = acceptancesOf(template, problems);
  const used = new Set<Acceptance>();
  const result = findings.map((finding) => {
    const acceptance = acceptances.find(
      (candidate) => candidate.check === finding.check && within(finding.path, candidate.prefix),
    );
    if (!acceptance) return finding;
    used.add(acceptance);
    return { ...finding, level: 'warning' as const, message: `accepted (${acceptance.reason}): ${finding.message}` };
  });
  for (const acceptance of acceptances) {
    if (!used.has(acceptance)) {
      problems.push({
        check: 'checks/accept',
        level: 'error',
        path: acceptance.entryPath,
        message: `accepts ${acceptance.check} at ${acceptance.prefix}, but no such finding occurs any more; remove the entry`,
      });
    }
  }
  return [...result, ...problems];
}
