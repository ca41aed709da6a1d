/**
 * Hygiene rules for GitHub workflows, as a pure function of the file text so each rule can be
 * shown to fire on a small bad workflow. Returns one line per violation ('' rules = none).
 */
import { parse } from 'yaml';

type Job = { permissions?: unknown; steps?: { uses?: string; run?: string }[] };

const PINNED_USES = /^\s*(?:-\s+)?uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s+#\s*v\d[\w.]*\s*$/;

export function workflowFindings(text: string): string[] {
  const findings: string[] = [];
  if (!text.startsWith('#'))
    findings.push('header: the file must start with a comment saying what it does and how to use it');
  const workflow = parse(text) as { on?: unknown; permissions?: unknown; jobs?: Record<string, Job> };
  const permissions = JSON.stringify(workflow.permissions);
  if (permissions !== '{"contents":"read"}')
    findings.push(`permissions: top level must be exactly {contents: read} (got ${permissions})`);
  const on = workflow.on;
  const triggers = typeof on === 'string' ? [on] : Array.isArray(on) ? on.map(String) : Object.keys(on ?? {});
  if (triggers.includes('pull_request_target')) findings.push('on: pull_request_target is not allowed');
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    const assumesRole = (job.steps ?? []).some(
      (step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@') === true,
    );
    const idToken = (job.permissions as Record<string, unknown> | undefined)?.['id-token'];
    if (idToken === 'write' && !assumesRole)
      findings.push(`jobs.${name}: id-token: write without configure-aws-credentials`);
    if (assumesRole && idToken !== 'write')
      findings.push(`jobs.${name}: configure-aws-credentials needs id-token: write on the job`);
    (job.steps ?? []).forEach((step, i) => {
      if (step.run?.includes('${{ secrets.') === true)
        findings.push(`jobs.${name}.steps[${i}]: secrets interpolated into run`);
    });
  }
  text.split('\n').forEach((line, i) => {
    const uses = /^\s*(?:-\s+)?uses:\s*(\S+)/.exec(line);
    if (uses === null || uses[1]!.startsWith('./')) return;
    if (!PINNED_USES.test(line)) findings.push(`line ${i + 1}: '${uses[1]}' must be owner/repo@<40-hex SHA> # vX`);
  });
  return findings;
}

/** The `run` text of every step, in order. */
export function stepRuns(text: string): string[] {
  const workflow = parse(text) as { jobs?: Record<string, Job> };
  return Object.values(workflow.jobs ?? {}).flatMap((job) =>
    (job.steps ?? []).flatMap((step) => (step.run === undefined ? [] : [step.run])),
  );
}

/** Every `npm run <script>` in the workflow's run steps. */
export function npmScriptsCalled(text: string): string[] {
  return [
    ...new Set(stepRuns(text).flatMap((run) => [...run.matchAll(/npm run ([\w:.-]+)/g)].map((match) => match[1]!))),
  ].sort();
}
