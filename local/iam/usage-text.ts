import type { PolicyStatement } from './types.ts';
import type { UsageReport } from './usage.ts';

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

/** `Allow dynamodb:PutItem on arn:…` as one line; NotAction/NotResource as "all actions but …", conditions in JSON. */
export function describeStatement(statement: PolicyStatement): string {
  const actions =
    statement.NotAction !== undefined
      ? `all actions but ${asList(statement.NotAction).join(', ')}`
      : asList(statement.Action).join(', ');
  const resources =
    statement.NotResource !== undefined
      ? `all resources but ${asList(statement.NotResource).join(', ')}`
      : asList(statement.Resource).join(', ');
  const condition = statement.Condition === undefined ? '' : ` if ${JSON.stringify(statement.Condition)}`;
  return `${statement.Effect} ${actions} on ${resources || '(no resource)'}${condition}`;
}

const STATUS: Record<'used' | 'unused' | 'not-local', string> = {
  used: 'used',
  unused: 'UNUSED in this run',
  'not-local': 'not used locally (a service the local stack does not run)',
};

/**
 * The report as `npm run iam` prints it: per role, each statement with the run's calls it decided or UNUSED, then
 * the calls the role was refused; the functions' resource policies; a summary count. `run` is undefined when there
 * was no run to compare with (only the template's grants are listed).
 */
export function formatUsageReport(report: UsageReport, run: { source: string; decisions: number } | undefined): string {
  const lines: string[] = [];
  let used = 0;
  let unused = 0;
  for (const role of report.roles) {
    lines.push(`role ${role.logicalId} (${role.arn})`);
    if (role.statements.length === 0) lines.push('  no policies');
    for (const entry of role.statements) {
      const where = `${entry.policy} Statement[${entry.index}]`;
      lines.push(`  ${where}: ${describeStatement(entry.statement)}`);
      if (run === undefined) continue;
      lines.push(`    ${STATUS[entry.status]}${entry.used.length > 0 ? ':' : ''}`);
      for (const call of entry.used) lines.push(`      ${call.action} on ${call.resource}`);
      if (entry.status === 'used') used += 1;
      if (entry.status === 'unused') unused += 1;
    }
    if (role.denied.length > 0) {
      lines.push('  DENIED in this run:');
      for (const call of role.denied) lines.push(`    ${call.action} on ${call.resource}`);
    }
  }
  if (report.functionPolicies.length > 0) {
    lines.push('function resource policies (AWS::Lambda::Permission)');
    for (const fn of report.functionPolicies) {
      lines.push(`  ${fn.functionArn}`);
      for (const caller of fn.callers)
        lines.push(`    ${caller.allowed ? 'allowed' : 'DENIED'}: ${caller.principal} ${caller.action}`);
    }
  }
  for (const role of report.unknownRoles)
    lines.push(`the run's log names role ${role}, which this template does not have (was it changed since the run?)`);
  lines.push(
    run === undefined
      ? 'no run to compare with: start the stack (npm start) and use it, then run this again, or give --log FILE'
      : `${run.decisions} decision(s) in ${run.source}: ${used} statement(s) used, ${unused} UNUSED (their calls never happened in this run)`,
  );
  return lines.join('\n');
}
