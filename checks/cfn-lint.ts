/**
 * Run the real Python `cfn-lint` (with the SAM translator) on a template file and map its JSON
 * report to Findings. cfn-lint is not an npm dependency: when the executable is absent the
 * result says so (status 'missing'), so the caller reports the step as SKIPPED, never passed.
 */
import { access } from 'node:fs/promises';
import { execa } from 'execa';
import { childPath, type Finding } from './finding.ts';
import { CFN_LINT } from './optional-tools.ts';

export type CfnLintResult = { status: 'ran'; findings: Finding[] } | { status: 'missing'; hint: string };

export interface CfnLintOptions {
  /** Executable to run; default: env `CFN_LINT`, else `cfn-lint` from PATH. */
  executable?: string;
  /** Kill cfn-lint after this long (a normal run takes about 2-3 s). */
  timeoutMs?: number;
}

interface CfnLintMatch {
  Rule: { Id: string };
  Level: string;
  Message: string;
  Location?: { Path?: (string | number)[] | null; Start?: { LineNumber?: number } };
}

export async function runCfnLint(file: string, options: CfnLintOptions = {}): Promise<CfnLintResult> {
  const executable = options.executable ?? process.env.CFN_LINT ?? 'cfn-lint';
  // cfn-lint reports a missing file as an E0003 "configuration" finding; a plain error is clearer.
  await access(file).catch(() => {
    throw new Error(`cfn-lint: template file not found: ${file}`);
  });
  const result = await execa(executable, ['--format', 'json', '--', file], {
    reject: false,
    timeout: options.timeoutMs ?? 120_000,
  });
  if (result.code === 'ENOENT') {
    return {
      status: 'missing',
      hint: `cfn-lint step SKIPPED: executable '${executable}' not found. Install it with: ${CFN_LINT.install}`,
    };
  }
  // Exit status is a bit set of what was found: 2 error, 4 warning, 8 informational.
  // Anything else (1 = usage error or Python traceback, a signal, a timeout) is a failed run.
  const exit = result.exitCode;
  if (exit === undefined || exit < 0 || exit > 14 || exit % 2 !== 0) {
    throw new Error(`cfn-lint failed on ${file} (${result.shortMessage ?? `exit ${String(exit)}`}):\n${result.stderr}`);
  }
  return { status: 'ran', findings: parseReport(result.stdout, result.stderr, file).map(toFinding) };
}

function parseReport(stdout: string, stderr: string, file: string): CfnLintMatch[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch (cause) {
    throw new Error(
      `cfn-lint output for ${file} is not JSON (${String(cause)}):\n${stdout.slice(0, 500)}\nstderr:\n${stderr}`,
    );
  }
  if (!Array.isArray(parsed) || !parsed.every(isMatch)) {
    throw new Error(
      `cfn-lint output for ${file} is not a list of matches:\n${stdout.slice(0, 500)}\nstderr:\n${stderr}`,
    );
  }
  return parsed;
}

function isMatch(value: unknown): value is CfnLintMatch {
  const m = value as Partial<CfnLintMatch> | null;
  return (
    typeof m === 'object' &&
    m !== null &&
    typeof m.Rule?.Id === 'string' &&
    typeof m.Level === 'string' &&
    typeof m.Message === 'string'
  );
}

/** Level 'Error' fails the run; 'Warning' and 'Informational' are reported as warnings. */
function toFinding(match: CfnLintMatch): Finding {
  const parts = match.Location?.Path ?? [];
  const path =
    parts.length > 0
      ? parts.reduce<string>((acc, key) => childPath(acc, key), '')
      : `(line ${match.Location?.Start?.LineNumber ?? '?'})`;
  return {
    check: `cfn-lint:${match.Rule.Id}`,
    level: match.Level === 'Error' ? 'error' : 'warning',
    path,
    message: match.Message,
  };
}
