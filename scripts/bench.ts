/**
 * `npm run bench`: every benchmark, printed as figures and ratios to a same-run baseline, then one table of every
 * figure with its target and met / NOT MET. `--runs N` repeats the whole bench and reports each run, so "N consecutive
 * runs with every target met" is one command (exit 0 only then); `--only` runs some benches.
 */
import { loadavg } from 'node:os';
import { benchCdkSynth } from '../bench/cdk-synth.ts';
import { type BenchSection, type Figure, figureTable, formatColumns, verdict } from '../bench/figures.ts';
import { benchGenerator } from '../bench/generator.ts';
import { benchColdWarm } from '../bench/local-stack/cold-warm.ts';
import { benchLocalStack } from '../bench/local-stack/index.ts';
import { benchStartup } from '../bench/startup/index.ts';
import { benchNpmStartReady } from '../bench/startup/npm-start-ready.ts';
import { benchVtlRender } from '../bench/vtl-render.ts';
import { runCommand, UsageError } from './cli.ts';

/** In the order they run. */
const BENCHES: Record<string, () => BenchSection | Promise<BenchSection>> = {
  generator: benchGenerator,
  'cdk-synth': benchCdkSynth,
  'npm-start': benchNpmStartReady,
  'cold-warm': benchColdWarm,
  'local-stack': () => benchLocalStack(),
  // Informational (no target of its own): the compiled VTL path's share of connection set-up.
  'vtl-render': () => ({ lines: benchVtlRender(), figures: [] }),
  startup: benchStartup,
};

const MAX_RUNS = 10;

const BENCH = {
  name: 'npm run bench',
  usage: [
    'usage: npm run bench -- [--runs N] [--only NAME,...]',
    '  Generator time per run and generate --check as a whole process; cdk synth of the same stack as a CDK app vs',
    "  npm run generate; npm start's time to its outputs; a fresh stack's first connections and echo messages vs the",
    "  same stack warm; the local stack's $default echo, connection set-up through the edge and 5,000 idle",
    "  connections' memory, each as a ratio to a raw ws server measured in the same run; the start-up of a template",
    "  of another app (3 Node.js functions, 1 Python) as a ratio to template.yaml's. Ends with every figure, its",
    '  target and whether it was met; exits 1 when a target was not met (or a bench was skipped) in any run.',
    `  --runs N      repeat the whole bench N times (1-${MAX_RUNS}, default 1) and report each run`,
    `  --only NAMES  run only these benches, comma-separated: ${Object.keys(BENCHES).join(', ')}`,
  ].join('\n'),
  options: { runs: { type: 'string', default: '1' }, only: { type: 'string' } },
} as const;

function parseRuns(text: string): number {
  const runs = Number(text);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    throw new UsageError(`--runs: must be a whole number from 1 to ${MAX_RUNS} (got ${JSON.stringify(text)})`);
  return runs;
}

function parseOnly(text: string | undefined): string[] {
  if (text === undefined) return Object.keys(BENCHES);
  const names = text.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !(name in BENCHES));
  if (unknown.length > 0 || names.length === 0)
    throw new UsageError(
      `--only: ${unknown.map((name) => JSON.stringify(name)).join(', ') || '(empty)'}: not a bench (benches: ${Object.keys(BENCHES).join(', ')})`,
    );
  return Object.keys(BENCHES).filter((name) => names.includes(name));
}

/** The 1-minute load average: the machine is shared, so each figure is printed with how busy it was. */
function load(): string {
  return loadavg()[0]!.toFixed(2);
}

async function runOnce(names: string[]): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const name of names) {
    const loadBefore = load();
    const section = await BENCHES[name]!();
    console.log(`[${name}] (load average ${loadBefore} before, ${load()} after)`);
    for (const line of section.lines) console.log(line);
    console.log('');
    figures.push(...section.figures);
  }
  return figures;
}

async function main({ values }: { values: { runs: string; only?: string } }): Promise<number> {
  const runs = parseRuns(values.runs);
  const names = parseOnly(values.only);
  console.log(`npm run bench: ${new Date().toISOString()}, Node ${process.version}, load average ${load()}`);
  const results: Figure[][] = [];
  for (let run = 1; run <= runs; run += 1) {
    if (runs > 1) console.log(`=== run ${run} of ${runs}\n`);
    const figures = await runOnce(names);
    results.push(figures);
    console.log(`Figures of run ${run} (load average now ${load()}):`);
    for (const line of figureTable(figures)) console.log(line);
    console.log('');
  }
  const allMet = (figures: Figure[]) => figures.every((figure) => figure.met === true);
  if (runs > 1) {
    console.log(`Every run (${runs}):`);
    const rows = results[0]!.map((figure, index) => [
      figure.name,
      figure.target,
      ...results.map((figures) => `${figures[index]?.measured ?? '?'} ${verdict(figures[index]?.met)}`),
    ]);
    const header = ['figure', 'target', ...results.map((_, run) => `run ${run + 1}`)];
    for (const line of formatColumns(header, rows)) console.log(line);
  }
  const metRuns = results.filter(allMet).length;
  console.log(
    `Every target met in ${metRuns} of ${runs} run(s)${metRuns === runs ? '.' : ': see NOT MET / SKIPPED above.'}`,
  );
  return metRuns === runs ? 0 : 1;
}

process.exitCode = await runCommand(BENCH, main);
