/**
 * `npm run iam -- [--template FILE] [--log FILE]`: read-only. Prints, per role of the template, each statement of its
 * policies and which calls of a local run it allowed, so permissions no call needed show up as UNUSED; then what each
 * role was refused. The run is the IAM decisions file `npm start` writes (`<local dir>/logs/iam-decisions.jsonl`).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { collectTemplatePolicies, parseDecisionRecords } from '../local/iam/index.ts';
import { usageReport } from '../local/iam/usage.ts';
import { formatUsageReport } from '../local/iam/usage-text.ts';
import { DEFAULT_ACCOUNT_ID, DEFAULT_REGION, DEFAULT_STACK_NAME } from '../local/shared/constants.ts';
import { loadLocalTemplate } from '../local/template/index.ts';
import { runCommandAsProcess, UsageError } from './cli.ts';
import { IAM_DECISIONS_FILE, parameterPairs } from './start-options.ts';

const IAM = {
  name: 'npm run iam',
  usage: [
    'usage: npm run iam -- [--template FILE] [--log FILE] [--parameter Name=Value ...]',
    '  --template FILE   the SAM/CloudFormation template (default template.yaml)',
    `  --log FILE        a local run's IAM decisions (default .local/logs/${IAM_DECISIONS_FILE} beside the template, as npm start writes it)`,
    '  --parameter Name=Value   a template parameter without a default (repeatable), as npm start takes it',
    '  Prints what the template lets each role do and what the run used; read-only.',
  ].join('\n'),
  options: {
    template: { type: 'string', default: 'template.yaml' },
    log: { type: 'string' },
    parameter: { type: 'string', multiple: true, default: [] as string[] },
  },
} as const;

async function main({
  values,
}: {
  values: { template: string; log?: string | undefined; parameter: string[] };
}): Promise<number> {
  const problems: string[] = [];
  if (!existsSync(values.template)) problems.push(`--template: no such file ${JSON.stringify(values.template)}`);
  if (values.log !== undefined && !existsSync(values.log))
    problems.push(
      `--log: no such file ${JSON.stringify(values.log)} (npm start writes .local/logs/${IAM_DECISIONS_FILE})`,
    );
  const parameterOverrides = parameterPairs(values.parameter, problems);
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const templateFile = resolve(values.template);
  const template = loadLocalTemplate(readFileSync(templateFile, 'utf8'), {
    stackName: DEFAULT_STACK_NAME,
    region: DEFAULT_REGION,
    accountId: DEFAULT_ACCOUNT_ID,
    source: templateFile,
    baseDir: dirname(templateFile),
    parameterOverrides,
    // A NoEcho secret nobody chose: a random one, as npm start makes up (it changes no role).
    secretParameterValue: () => randomBytes(32).toString('hex'),
  });
  const policies = collectTemplatePolicies(template);
  const logFile = values.log ?? join(dirname(values.template), '.local', 'logs', IAM_DECISIONS_FILE);
  const run = existsSync(logFile) ? parseDecisionRecords(readFileSync(logFile, 'utf8')) : undefined;
  const source = relative(process.cwd(), logFile) || logFile;
  if (run && run.badLines.length > 0)
    console.log(
      `${source}: skipped line(s) that are not decision records: ${run.badLines.slice(0, 10).join(', ')}${run.badLines.length > 10 ? ', …' : ''}`,
    );
  for (const warning of policies.warnings) console.log(`not evaluated: ${warning}`);
  console.log(
    formatUsageReport(usageReport(policies, run?.records ?? []), run && { source, decisions: run.records.length }),
  );
  return 0;
}

runCommandAsProcess(IAM, main, 1);
