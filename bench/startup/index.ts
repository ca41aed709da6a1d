/**
 * Start-up of the local stack for a template of another app (bench/startup/four-functions: three Node.js functions,
 * one Python), as a ratio to starting the project's own template.yaml (one Lambda, two state machines, the edge)
 * in the same run. Each start is a fresh process; the two alternate, and each figure is the median of the runs.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type BenchSection, formatColumns } from '../figures.ts';
import { median } from '../local-stack/report.ts';

const RUNS = 5;
const RUNNER = fileURLToPath(new URL('./run-once.ts', import.meta.url));
const FOUR_FUNCTIONS = fileURLToPath(new URL('./four-functions/template.yaml', import.meta.url));
const OWN_TEMPLATE = fileURLToPath(new URL('../../template.yaml', import.meta.url));
const FOUR_MESSAGES = ['cjs', 'esm', 'ts', 'py'].map((action) => JSON.stringify({ action }));

interface StartTimes {
  readyMs: number;
  answeredMs: number;
}

function startOnce(template: string, messages: string[]): StartTimes {
  const output = execFileSync(process.execPath, ['--import', 'tsx', RUNNER, template, ...messages], {
    encoding: 'utf8',
  });
  return JSON.parse(output.trim().split('\n').at(-1)!) as StartTimes;
}

export function benchStartup(): BenchSection {
  const own: StartTimes[] = [];
  const four: StartTimes[] = [];
  startOnce(FOUR_FUNCTIONS, FOUR_MESSAGES); // untimed: fills the OS file cache for both
  startOnce(OWN_TEMPLATE, ['hello']);
  for (let run = 0; run < RUNS; run += 1) {
    own.push(startOnce(OWN_TEMPLATE, ['hello']));
    four.push(startOnce(FOUR_FUNCTIONS, FOUR_MESSAGES));
  }
  const rows = [
    ['start-up to outputs', (times: StartTimes) => times.readyMs],
    ['start-up + first answer of each function', (times: StartTimes) => times.answeredMs],
  ] as const;
  const cells = rows.map(([workload, pick]) => {
    const base = median(own.map(pick));
    const measured = median(four.map(pick));
    return [workload, `${base.toFixed(0)} ms`, `${measured.toFixed(0)} ms`, `${(measured / base).toFixed(2)}x`];
  });
  return {
    lines: [
      `Start-up of a template of another app vs the project's template.yaml (${RUNS} fresh processes each, medians):`,
      ...formatColumns(['workload', 'template.yaml', '3 Node.js + 1 Python', 'ratio'], cells),
    ],
    figures: [],
  };
}
